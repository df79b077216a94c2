-- expect: none
CREATE TABLE tags (id bigint PRIMARY KEY, label varchar(20));
ALTER TABLE tags ALTER COLUMN label TYPE text;
