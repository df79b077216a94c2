-- expect: LINT006
SET lock_timeout = '5s';
SET statement_timeout = '15min';
ALTER TABLE users ALTER COLUMN org_id TYPE numeric(20);
