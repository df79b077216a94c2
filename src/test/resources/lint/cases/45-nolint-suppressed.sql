-- expect: none
SET lock_timeout = '5s';
-- preflight:nolint LINT007 the application reads both names through a view since release 41
ALTER TABLE users RENAME COLUMN name TO full_name;
