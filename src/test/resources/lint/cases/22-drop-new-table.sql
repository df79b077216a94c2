-- expect: none
CREATE TABLE scratch (id int);
DROP TABLE scratch;
