-- expect: LINT015
CREATE INDEX CONCURRENTLY docs_embedding_hnsw ON docs USING hnsw (embedding vector_cosine_ops);
