-- expect: none
CREATE TABLE items (id bigint PRIMARY KEY, embedding vector(3));
INSERT INTO items SELECT g, ARRAY[random(), random(), random()]::vector FROM generate_series(1, 1000) g;
CREATE INDEX items_embedding_idx ON items USING ivfflat (embedding vector_cosine_ops) WITH (lists = 10);
