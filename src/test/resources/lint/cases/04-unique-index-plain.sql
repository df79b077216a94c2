-- expect: LINT001
SET lock_timeout = '5s';
CREATE UNIQUE INDEX users_email_key ON users (email);
