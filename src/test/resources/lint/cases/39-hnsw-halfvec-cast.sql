-- expect: none
CREATE INDEX CONCURRENTLY docs_embedding_half ON docs USING hnsw ((embedding::halfvec(3072)) halfvec_cosine_ops);
