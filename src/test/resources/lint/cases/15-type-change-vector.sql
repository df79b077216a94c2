-- expect: LINT006 LINT022
SET lock_timeout = '5s';
ALTER TABLE chunks ALTER COLUMN embedding TYPE vector(512) USING NULL;
