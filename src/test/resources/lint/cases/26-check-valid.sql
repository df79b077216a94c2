-- expect: LINT009 LINT022
SET lock_timeout = '5s';
ALTER TABLE users ADD CONSTRAINT users_status_chk CHECK (status IN ('active', 'gone'));
