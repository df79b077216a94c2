-- expect: LINT006 LINT022
SET lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN org_id TYPE integer;
