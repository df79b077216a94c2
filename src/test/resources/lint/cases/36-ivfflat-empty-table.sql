-- expect: LINT014
CREATE TABLE items (id bigint PRIMARY KEY, embedding vector(384));
CREATE INDEX items_embedding_idx ON items USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);
