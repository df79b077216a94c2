DROP INDEX CONCURRENTLY chunks_embedding_hnsw;
