-- expect: LINT004
SET lock_timeout = '5s';
ALTER TABLE users ADD COLUMN plan text NOT NULL;
