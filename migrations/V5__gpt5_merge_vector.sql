-- =============================================================================
-- V5__gpt5_merge_vector.sql
-- Reproduces NeonHub Prisma migration folder: 20251026_gpt5_merge_vector
--
-- Vector optimisation + time-series indexes on top of V4:
--   * casts the three embedding columns from plain "vector" to a fixed
--     dimension, taken from the Flyway placeholder embedding_dimension
--     (1536 for OpenAI text-embedding-3-small / ada-002),
--   * creates the IVFFlat cosine indexes (lists = 100),
--   * renames campaign_metrics."ts" to "timestamp",
--   * adds the composite time-series indexes.
-- =============================================================================

-- Fixed-dimension embeddings
ALTER TABLE "brand_voices" ALTER COLUMN "embedding" TYPE vector(${embedding_dimension}) USING "embedding"::vector(${embedding_dimension});
ALTER TABLE "messages"     ALTER COLUMN "embedding" TYPE vector(${embedding_dimension}) USING "embedding"::vector(${embedding_dimension});
ALTER TABLE "chunks"       ALTER COLUMN "embedding" TYPE vector(${embedding_dimension}) USING "embedding"::vector(${embedding_dimension});

-- IVFFlat cosine-similarity indexes
CREATE INDEX "brand_voices_embedding_cosine_idx" ON "brand_voices" USING ivfflat ("embedding" vector_cosine_ops) WITH (lists = 100);
CREATE INDEX "messages_embedding_cosine_idx" ON "messages" USING ivfflat ("embedding" vector_cosine_ops) WITH (lists = 100);
CREATE INDEX "chunks_embedding_cosine_idx" ON "chunks" USING ivfflat ("embedding" vector_cosine_ops) WITH (lists = 100);

-- campaign_metrics."ts" -> "timestamp"
ALTER TABLE "campaign_metrics" RENAME COLUMN "ts" TO "timestamp";

-- Composite time-series indexes
CREATE INDEX "agent_runs_agentId_startedAt_idx" ON "agent_runs"("agentId", "startedAt");
CREATE INDEX "campaign_metrics_campaignId_kind_timestamp_idx" ON "campaign_metrics"("campaignId", "kind", "timestamp");
CREATE INDEX "messages_conversationId_createdAt_idx" ON "messages"("conversationId", "createdAt");
