-- expect: none
CREATE TABLE notes (id bigint PRIMARY KEY, embedding vector(384));
CREATE INDEX notes_embedding_idx ON notes USING hnsw (embedding vector_cosine_ops);
