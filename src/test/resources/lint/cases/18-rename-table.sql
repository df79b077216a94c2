-- expect: LINT007
SET lock_timeout = '5s';
ALTER TABLE orgs RENAME TO organizations;
