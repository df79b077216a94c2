-- expect: LINT009 LINT022
SET lock_timeout = '5s';
ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id);
