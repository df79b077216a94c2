-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops);

-- migrate:down
DROP INDEX CONCURRENTLY chunks_embedding_hnsw;
