-- expect: LINT016
SET lock_timeout = '5s';
ALTER TABLE orgs ADD COLUMN embedding vector(384);
