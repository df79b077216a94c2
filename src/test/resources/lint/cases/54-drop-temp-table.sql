-- expect: none
CREATE TEMP TABLE embeddings_temp AS SELECT 1 AS id;
INSERT INTO embeddings_temp VALUES (2);
DROP TABLE embeddings_temp;
CREATE GLOBAL TEMPORARY TABLE scratch (id int);
DROP TABLE scratch;
