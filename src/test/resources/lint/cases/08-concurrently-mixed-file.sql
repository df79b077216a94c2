-- expect: LINT003 LINT013
ALTER TABLE users ADD COLUMN nickname text;
CREATE INDEX CONCURRENTLY users_nickname_idx ON users (nickname);
