-- Vector index (hand-written: Prisma's schema language cannot declare it)
CREATE INDEX "chunks_embedding_hnsw" ON "chunks" USING hnsw ("embedding" vector_cosine_ops);
