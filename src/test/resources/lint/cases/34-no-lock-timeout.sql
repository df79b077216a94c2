-- expect: LINT013
ALTER TABLE users ADD COLUMN bio text;
