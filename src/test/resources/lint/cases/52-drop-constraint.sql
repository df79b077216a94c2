-- expect: LINT008
SET lock_timeout = '5s';
ALTER TABLE users DROP CONSTRAINT users_pkey;
