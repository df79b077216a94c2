-- The history before each case: tables that exist and hold rows when the case's migration runs.
CREATE TABLE orgs (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE users (id bigint PRIMARY KEY, email text, name varchar(50), org_id bigint, status text);
CREATE TABLE chunks (id bigint PRIMARY KEY, content text, embedding vector(384));
CREATE TABLE docs (id bigint PRIMARY KEY, body text, embedding vector(3072));
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE INDEX users_email_idx ON users (email);
CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);
CREATE INDEX docs_embedding_idx ON docs USING hnsw ((embedding::halfvec(3072)) halfvec_cosine_ops);
INSERT INTO orgs VALUES (1, 'neon');
INSERT INTO users VALUES (1, 'a@b.c', 'a', 1, 'active');
INSERT INTO chunks VALUES (1, 'hello', NULL);
INSERT INTO docs VALUES (1, 'doc', NULL);
