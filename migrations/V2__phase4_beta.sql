-- =============================================================================
-- V2__phase4_beta.sql
-- Reproduces NeonHub Prisma migration folder: 20250105_phase4_beta
--
-- Phase 4 (beta) features, all user-scoped at the time:
--   * agent_jobs     - legacy queue of agent invocations (pre agent system)
--   * drafts         - user content drafts
--   * subscriptions  - Stripe subscription per user
--   * invoices       - Stripe invoices per subscription
--   * usage_records  - metered usage per user and period
--   * audit_logs     - basic audit trail (org scoping arrives in V4)
--
-- The folder date (2025-01-05) sorts before 20251012154609_initial although it
-- depends on "users"; in this Flyway layout it is therefore versioned V2.
-- V3 (20250126_realign_schema) renames / retypes several columns created here.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- agent_jobs
-- -----------------------------------------------------------------------------
CREATE TABLE "agent_jobs" (
    "id"          TEXT NOT NULL,
    "agentName"   TEXT NOT NULL,
    "input"       JSONB NOT NULL,
    "output"      JSONB,
    "status"      TEXT NOT NULL DEFAULT 'queued',
    "error"       TEXT,
    "createdById" TEXT,
    "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt"   TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "agent_jobs_pkey" PRIMARY KEY ("id")
);

-- -----------------------------------------------------------------------------
-- drafts
-- -----------------------------------------------------------------------------
CREATE TABLE "drafts" (
    "id"        TEXT NOT NULL,
    "userId"    TEXT NOT NULL,
    "title"     TEXT,
    "body"      TEXT NOT NULL,
    "platform"  TEXT,
    "status"    TEXT NOT NULL DEFAULT 'draft',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "drafts_pkey" PRIMARY KEY ("id")
);

-- -----------------------------------------------------------------------------
-- subscriptions
-- -----------------------------------------------------------------------------
CREATE TABLE "subscriptions" (
    "id"                   TEXT NOT NULL,
    "userId"               TEXT NOT NULL,
    "plan"                 TEXT NOT NULL DEFAULT 'free',
    "status"               TEXT NOT NULL DEFAULT 'active',
    "stripeCustomerId"     TEXT,
    "stripeSubscriptionId" TEXT,
    "currentPeriodStart"   TIMESTAMP(3),
    "currentPeriodEnd"     TIMESTAMP(3),
    "cancelAtPeriodEnd"    BOOLEAN NOT NULL DEFAULT false,
    "createdAt"            TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"            TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- -----------------------------------------------------------------------------
-- invoices ("amount" is stored in major units here; V3 converts to cents)
-- -----------------------------------------------------------------------------
CREATE TABLE "invoices" (
    "id"               TEXT NOT NULL,
    "subscriptionId"   TEXT NOT NULL,
    "stripeInvoiceId"  TEXT,
    "amount"           DOUBLE PRECISION NOT NULL,
    "currency"         TEXT NOT NULL DEFAULT 'usd',
    "status"           TEXT NOT NULL DEFAULT 'draft',
    "periodStart"      TIMESTAMP(3),
    "periodEnd"        TIMESTAMP(3),
    "paidAt"           TIMESTAMP(3),
    "hostedInvoiceUrl" TEXT,
    "createdAt"        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- -----------------------------------------------------------------------------
-- usage_records ("metadata" is TEXT here; V3 converts to JSONB)
-- -----------------------------------------------------------------------------
CREATE TABLE "usage_records" (
    "id"          TEXT NOT NULL,
    "userId"      TEXT NOT NULL,
    "type"        TEXT NOT NULL,
    "quantity"    INTEGER NOT NULL DEFAULT 0,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd"   TIMESTAMP(3) NOT NULL,
    "metadata"    TEXT,
    "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_records_pkey" PRIMARY KEY ("id")
);

-- -----------------------------------------------------------------------------
-- audit_logs (basic, user-scoped)
-- -----------------------------------------------------------------------------
CREATE TABLE "audit_logs" (
    "id"        TEXT NOT NULL,
    "userId"    TEXT,
    "action"    TEXT NOT NULL,
    "entity"    TEXT,
    "entityId"  TEXT,
    "metadata"  TEXT,
    "ipAddress" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- -----------------------------------------------------------------------------
-- Indexes
-- -----------------------------------------------------------------------------
CREATE INDEX "agent_jobs_createdById_idx" ON "agent_jobs"("createdById");

CREATE INDEX "drafts_userId_idx" ON "drafts"("userId");

CREATE UNIQUE INDEX "subscriptions_userId_key" ON "subscriptions"("userId");

CREATE INDEX "invoices_subscriptionId_idx" ON "invoices"("subscriptionId");

CREATE INDEX "usage_records_userId_idx" ON "usage_records"("userId");

CREATE INDEX "audit_logs_userId_idx" ON "audit_logs"("userId");

-- -----------------------------------------------------------------------------
-- Foreign keys
-- -----------------------------------------------------------------------------
ALTER TABLE "agent_jobs" ADD CONSTRAINT "agent_jobs_createdById_fkey"
    FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "drafts" ADD CONSTRAINT "drafts_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "invoices" ADD CONSTRAINT "invoices_subscriptionId_fkey"
    FOREIGN KEY ("subscriptionId") REFERENCES "subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
