-- expect: LINT006
SET lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN org_id TYPE integer;
