-- expect: LINT001 LINT022
SET lock_timeout = '5s';
SET statement_timeout = 0;
CREATE INDEX users_status_idx ON users (status);
