-- expect: LINT008
SET lock_timeout = '5s';
ALTER TABLE users DROP COLUMN status;
