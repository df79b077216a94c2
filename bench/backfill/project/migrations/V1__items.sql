-- The benchmark's table: 100,000 rows of short text, vector(384), no vector index.
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE items (id bigint PRIMARY KEY, body text NOT NULL, embedding vector(384));
