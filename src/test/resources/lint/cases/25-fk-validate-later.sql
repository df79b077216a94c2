-- expect: none
SET lock_timeout = '5s';
ALTER TABLE users VALIDATE CONSTRAINT users_org_fk;
