-- expect: LINT006 LINT022
SET lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN org_id TYPE numeric(20);
ALTER TABLE orgs ALTER COLUMN id TYPE numeric(20);
