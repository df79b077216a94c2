-- expect: none
CREATE TABLE teams (id bigint PRIMARY KEY, name text);
CREATE INDEX teams_name_idx ON teams (name);
