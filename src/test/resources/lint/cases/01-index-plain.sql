-- expect: LINT001 LINT022
SET lock_timeout = '5s';
CREATE INDEX users_name_idx ON users (name);
