-- =============================================================================
-- V3__realign_schema.sql
-- Reproduces NeonHub Prisma migration folder: 20250126_realign_schema
--
-- Schema alignment of the phase 4 (V2) legacy tables with the Prisma models:
--   * renames:  agent_jobs."agentName" -> "agent", drafts."body" -> "content",
--               invoices."amount" -> "amountCents", usage_records."type" -> "metric",
--               audit_logs."entity"/"entityId" -> "resourceType"/"resourceId"
--   * type changes: invoices."amountCents" DOUBLE PRECISION -> INTEGER (cents),
--               usage_records."quantity" INTEGER -> BIGINT,
--               usage_records."metadata" / audit_logs."metadata" TEXT -> JSONB
--   * new columns: agent_jobs duration/tokens/cost, drafts."scheduledAt",
--               subscriptions."trialEndsAt", invoices."updatedAt"
--   * extra indexes: status / time / Stripe-id lookups, replacing the
--               single-column user indexes of V2 where a composite covers them.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- agent_jobs
-- -----------------------------------------------------------------------------
ALTER TABLE "agent_jobs" RENAME COLUMN "agentName" TO "agent";

ALTER TABLE "agent_jobs"
    ADD COLUMN "duration" INTEGER,
    ADD COLUMN "tokens"   INTEGER,
    ADD COLUMN "cost"     DOUBLE PRECISION;

CREATE INDEX "agent_jobs_agent_status_idx" ON "agent_jobs"("agent", "status");

CREATE INDEX "agent_jobs_createdAt_idx" ON "agent_jobs"("createdAt");

-- -----------------------------------------------------------------------------
-- drafts
-- -----------------------------------------------------------------------------
ALTER TABLE "drafts" RENAME COLUMN "body" TO "content";

ALTER TABLE "drafts" ADD COLUMN "scheduledAt" TIMESTAMP(3);

DROP INDEX "drafts_userId_idx";

CREATE INDEX "drafts_userId_status_idx" ON "drafts"("userId", "status");

-- -----------------------------------------------------------------------------
-- subscriptions
-- -----------------------------------------------------------------------------
ALTER TABLE "subscriptions" ADD COLUMN "trialEndsAt" TIMESTAMP(3);

CREATE UNIQUE INDEX "subscriptions_stripeSubscriptionId_key" ON "subscriptions"("stripeSubscriptionId");

CREATE INDEX "subscriptions_stripeCustomerId_idx" ON "subscriptions"("stripeCustomerId");

-- -----------------------------------------------------------------------------
-- invoices: store money as integer cents
-- -----------------------------------------------------------------------------
ALTER TABLE "invoices" RENAME COLUMN "amount" TO "amountCents";

ALTER TABLE "invoices"
    ALTER COLUMN "amountCents" TYPE INTEGER USING round("amountCents" * 100)::INTEGER;

ALTER TABLE "invoices" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

CREATE UNIQUE INDEX "invoices_stripeInvoiceId_key" ON "invoices"("stripeInvoiceId");

-- -----------------------------------------------------------------------------
-- usage_records
-- -----------------------------------------------------------------------------
ALTER TABLE "usage_records" RENAME COLUMN "type" TO "metric";

ALTER TABLE "usage_records" ALTER COLUMN "quantity" TYPE BIGINT;

ALTER TABLE "usage_records"
    ALTER COLUMN "metadata" TYPE JSONB USING "metadata"::JSONB;

DROP INDEX "usage_records_userId_idx";

CREATE INDEX "usage_records_userId_metric_periodStart_idx" ON "usage_records"("userId", "metric", "periodStart");

-- -----------------------------------------------------------------------------
-- audit_logs
-- -----------------------------------------------------------------------------
ALTER TABLE "audit_logs" RENAME COLUMN "entity" TO "resourceType";

ALTER TABLE "audit_logs" RENAME COLUMN "entityId" TO "resourceId";

ALTER TABLE "audit_logs"
    ALTER COLUMN "metadata" TYPE JSONB USING "metadata"::JSONB;

DROP INDEX "audit_logs_userId_idx";

CREATE INDEX "audit_logs_userId_createdAt_idx" ON "audit_logs"("userId", "createdAt");

CREATE INDEX "audit_logs_action_idx" ON "audit_logs"("action");

CREATE INDEX "audit_logs_resourceType_resourceId_idx" ON "audit_logs"("resourceType", "resourceId");
