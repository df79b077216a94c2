-- =============================================================================
-- V4__full_org_ai_vector_bootstrap.sql
-- Reproduces NeonHub Prisma migration folder: 20251026_full_org_ai_vector_bootstrap
--
-- Complete schema rebuild with pgvector: creates the extensions (vector,
-- uuid-ossp), the 8 Prisma enums and every remaining table of the
-- organization / RBAC / brand / agent / RAG / conversation / campaign /
-- content / training / connector / governance domains.
--
-- The tables that already exist from the legacy migrations (V1 initial,
-- V2 phase4_beta, V3 realign_schema) are re-declared here with
-- CREATE TABLE IF NOT EXISTS / CREATE INDEX IF NOT EXISTS in their post-V3
-- shape, and are extended with ALTER TABLE ... ADD COLUMN IF NOT EXISTS (org
-- scoping). Foreign keys that the legacy migrations already created are
-- dropped (IF EXISTS) and re-added, so this file applies both on top of
-- V1-V3 and on an empty database and yields the same schema.
--
-- Embedding columns are declared as plain "vector" (no dimension) here;
-- V5 (20251026_gpt5_merge_vector) casts them to the configured dimension
-- and adds the IVFFlat cosine indexes.
--
-- Layout: 1 extensions, 2 enums, 3-14 tables + indexes per domain,
-- 15 foreign keys per domain (added last, as Prisma does, so table order
-- does not matter).
-- =============================================================================


-- =============================================================================
-- 1. Extensions
-- =============================================================================
-- pgvector: embeddings for brand voices, chunks and messages.
CREATE EXTENSION IF NOT EXISTS "vector";

-- uuid-ossp: server-side UUIDs for ad-hoc SQL and backfills (application ids
-- are generated client-side by Prisma and are plain TEXT).
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";


-- =============================================================================
-- 2. Enums
-- =============================================================================
CREATE TYPE "AgentKind" AS ENUM ('COPILOT', 'ASSISTANT', 'RESEARCH', 'CONTENT', 'ANALYTICS', 'SUPPORT', 'WORKFLOW', 'CUSTOM');

CREATE TYPE "AgentStatus" AS ENUM ('DRAFT', 'ACTIVE', 'PAUSED', 'ERROR', 'ARCHIVED');

CREATE TYPE "MessageRole" AS ENUM ('user', 'assistant', 'system', 'tool');

CREATE TYPE "ConversationKind" AS ENUM ('CHAT', 'SUPPORT', 'PLANNING', 'RESEARCH', 'SYSTEM');

CREATE TYPE "DatasetKind" AS ENUM ('FAQ', 'DOCUMENTS', 'ANALYTICS', 'WEB', 'TRANSCRIPTS', 'CUSTOM');

CREATE TYPE "TrainStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

CREATE TYPE "ContentKind" AS ENUM ('BLOG_POST', 'SOCIAL_POST', 'EMAIL', 'AD_COPY', 'LANDING_PAGE', 'PRESS_RELEASE', 'VIDEO_SCRIPT');

CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED');


-- =============================================================================
-- 3. Identity: users, accounts, sessions, verification_tokens
--    (legacy, from V1 - re-declared idempotently)
-- =============================================================================
CREATE TABLE IF NOT EXISTS "users" (
    "id"            TEXT NOT NULL,
    "email"         TEXT NOT NULL,
    "name"          TEXT,
    "emailVerified" TIMESTAMP(3),
    "image"         TEXT,
    "createdAt"     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

CREATE TABLE IF NOT EXISTS "accounts" (
    "id"                TEXT NOT NULL,
    "userId"            TEXT NOT NULL,
    "type"              TEXT NOT NULL,
    "provider"          TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refreshToken"      TEXT,
    "accessToken"       TEXT,
    "expiresAt"         INTEGER,
    "tokenType"         TEXT,
    "scope"             TEXT,
    "idToken"           TEXT,
    "sessionState"      TEXT,
    "createdAt"         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

CREATE TABLE IF NOT EXISTS "sessions" (
    "id"           TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId"       TEXT NOT NULL,
    "expires"      TIMESTAMP(3) NOT NULL,
    "createdAt"    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE IF NOT EXISTS "verification_tokens" (
    "id"         TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "token"      TEXT NOT NULL,
    "expires"    TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verification_tokens_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX IF NOT EXISTS "users_email_key" ON "users"("email");
CREATE UNIQUE INDEX IF NOT EXISTS "accounts_provider_providerAccountId_key" ON "accounts"("provider", "providerAccountId");
CREATE INDEX IF NOT EXISTS "accounts_userId_idx" ON "accounts"("userId");
CREATE UNIQUE INDEX IF NOT EXISTS "sessions_sessionToken_key" ON "sessions"("sessionToken");
CREATE INDEX IF NOT EXISTS "sessions_userId_idx" ON "sessions"("userId");
CREATE UNIQUE INDEX IF NOT EXISTS "verification_tokens_token_key" ON "verification_tokens"("token");
CREATE UNIQUE INDEX IF NOT EXISTS "verification_tokens_identifier_token_key" ON "verification_tokens"("identifier", "token");


-- =============================================================================
-- 4. Organizations & RBAC: organizations, organization_memberships, roles,
--    permissions, role_permissions
-- =============================================================================

-- organizations: legacy (V1), extended with plan / settings / logo.
CREATE TABLE IF NOT EXISTS "organizations" (
    "id"        TEXT NOT NULL,
    "name"      TEXT NOT NULL,
    "slug"      TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "organizations" ADD COLUMN IF NOT EXISTS "plan"     TEXT NOT NULL DEFAULT 'free';
ALTER TABLE "organizations" ADD COLUMN IF NOT EXISTS "settings" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "organizations" ADD COLUMN IF NOT EXISTS "logoUrl"  TEXT;

CREATE UNIQUE INDEX IF NOT EXISTS "organizations_slug_key" ON "organizations"("slug");

-- organization_memberships: user <-> organization, with a coarse "role"
-- ('owner' / 'admin' / 'member') and an optional fine-grained RBAC role.
CREATE TABLE "organization_memberships" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId"         TEXT NOT NULL,
    "roleId"         TEXT,
    "role"           TEXT NOT NULL DEFAULT 'member',
    "invitedById"    TEXT,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_memberships_pkey" PRIMARY KEY ("id")
);

-- roles: per-organization RBAC roles.
CREATE TABLE "roles" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name"           TEXT NOT NULL,
    "description"    TEXT,
    "isSystem"       BOOLEAN NOT NULL DEFAULT false,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);

-- permissions: global catalogue of permission keys, e.g. 'agents:write'.
CREATE TABLE "permissions" (
    "id"          TEXT NOT NULL,
    "key"         TEXT NOT NULL,
    "resource"    TEXT NOT NULL,
    "action"      TEXT NOT NULL,
    "description" TEXT,
    "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "permissions_pkey" PRIMARY KEY ("id")
);

-- role_permissions: role <-> permission join table (composite primary key).
CREATE TABLE "role_permissions" (
    "roleId"       TEXT NOT NULL,
    "permissionId" TEXT NOT NULL,
    "createdAt"    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_permissions_pkey" PRIMARY KEY ("roleId", "permissionId")
);

CREATE UNIQUE INDEX "organization_memberships_organizationId_userId_key" ON "organization_memberships"("organizationId", "userId");
CREATE INDEX "organization_memberships_userId_idx" ON "organization_memberships"("userId");
CREATE INDEX "organization_memberships_roleId_idx" ON "organization_memberships"("roleId");
CREATE UNIQUE INDEX "roles_organizationId_name_key" ON "roles"("organizationId", "name");
CREATE UNIQUE INDEX "permissions_key_key" ON "permissions"("key");
CREATE INDEX "role_permissions_permissionId_idx" ON "role_permissions"("permissionId");


-- =============================================================================
-- 5. Brand: brands, brand_voices, brand_assets, embedding_spaces
-- =============================================================================

-- embedding_spaces: registry of embedding models / dimensions / distance.
CREATE TABLE "embedding_spaces" (
    "id"          TEXT NOT NULL,
    "name"        TEXT NOT NULL,
    "provider"    TEXT NOT NULL,
    "model"       TEXT NOT NULL,
    "dimensions"  INTEGER NOT NULL,
    "distance"    TEXT NOT NULL DEFAULT 'cosine',
    "description" TEXT,
    "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "embedding_spaces_pkey" PRIMARY KEY ("id")
);

-- brands: an organization owns one or more brands.
CREATE TABLE "brands" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name"           TEXT NOT NULL,
    "slug"           TEXT NOT NULL,
    "description"    TEXT,
    "website"        TEXT,
    "metadata"       JSONB,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "brands_pkey" PRIMARY KEY ("id")
);

-- brand_voices: tone / style guides per brand, with a voice embedding.
CREATE TABLE "brand_voices" (
    "id"               TEXT NOT NULL,
    "brandId"          TEXT NOT NULL,
    "embeddingSpaceId" TEXT,
    "name"             TEXT NOT NULL,
    "description"      TEXT,
    "tone"             TEXT,
    "guidelines"       JSONB NOT NULL DEFAULT '{}',
    "sampleText"       TEXT,
    "isDefault"        BOOLEAN NOT NULL DEFAULT false,
    "embedding"        vector,
    "createdAt"        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "brand_voices_pkey" PRIMARY KEY ("id")
);

-- brand_assets: logos, images, fonts, ... stored by URL.
CREATE TABLE "brand_assets" (
    "id"             TEXT NOT NULL,
    "brandId"        TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind"           TEXT NOT NULL,
    "name"           TEXT NOT NULL,
    "url"            TEXT NOT NULL,
    "mimeType"       TEXT,
    "sizeBytes"      INTEGER,
    "metadata"       JSONB,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "brand_assets_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "embedding_spaces_name_key" ON "embedding_spaces"("name");
CREATE UNIQUE INDEX "brands_slug_key" ON "brands"("slug");
CREATE INDEX "brands_organizationId_idx" ON "brands"("organizationId");
CREATE INDEX "brand_voices_brandId_idx" ON "brand_voices"("brandId");
CREATE INDEX "brand_assets_brandId_idx" ON "brand_assets"("brandId");
CREATE INDEX "brand_assets_organizationId_idx" ON "brand_assets"("organizationId");


-- =============================================================================
-- 6. Agents: agents, agent_configs, agent_capabilities, agent_runs,
--    agent_run_metrics, tools, tool_executions
-- =============================================================================

-- agents: AI agents owned by an organization, optionally bound to a brand.
CREATE TABLE "agents" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId"        TEXT,
    "createdById"    TEXT,
    "name"           TEXT NOT NULL,
    "description"    TEXT,
    "kind"           "AgentKind" NOT NULL DEFAULT 'ASSISTANT',
    "status"         "AgentStatus" NOT NULL DEFAULT 'DRAFT',
    "metadata"       JSONB,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);

-- agent_configs: one model configuration per agent.
CREATE TABLE "agent_configs" (
    "id"             TEXT NOT NULL,
    "agentId"        TEXT NOT NULL,
    "modelVersionId" TEXT,
    "model"          TEXT NOT NULL DEFAULT 'gpt-4o-mini',
    "temperature"    DOUBLE PRECISION NOT NULL DEFAULT 0.7,
    "maxTokens"      INTEGER,
    "systemPrompt"   TEXT,
    "config"         JSONB NOT NULL DEFAULT '{}',
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_configs_pkey" PRIMARY KEY ("id")
);

-- tools: global registry of callable tools (function calling).
CREATE TABLE "tools" (
    "id"           TEXT NOT NULL,
    "name"         TEXT NOT NULL,
    "description"  TEXT,
    "kind"         TEXT NOT NULL DEFAULT 'function',
    "inputSchema"  JSONB NOT NULL DEFAULT '{}',
    "outputSchema" JSONB,
    "isEnabled"    BOOLEAN NOT NULL DEFAULT true,
    "createdAt"    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tools_pkey" PRIMARY KEY ("id")
);

-- agent_capabilities: named capabilities of an agent, optionally backed by a tool.
CREATE TABLE "agent_capabilities" (
    "id"          TEXT NOT NULL,
    "agentId"     TEXT NOT NULL,
    "toolId"      TEXT,
    "name"        TEXT NOT NULL,
    "description" TEXT,
    "config"      JSONB NOT NULL DEFAULT '{}',
    "enabled"     BOOLEAN NOT NULL DEFAULT true,
    "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_capabilities_pkey" PRIMARY KEY ("id")
);

-- agent_runs: one execution of an agent (time series on "startedAt").
CREATE TABLE "agent_runs" (
    "id"             TEXT NOT NULL,
    "agentId"        TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "conversationId" TEXT,
    "triggeredById"  TEXT,
    "status"         TEXT NOT NULL DEFAULT 'pending',
    "input"          JSONB,
    "output"         JSONB,
    "error"          TEXT,
    "tokenCount"     INTEGER,
    "startedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt"    TIMESTAMP(3),
    "durationMs"     INTEGER,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_runs_pkey" PRIMARY KEY ("id")
);

-- agent_run_metrics: numeric measurements of a run (latency, cost, tokens, ...).
CREATE TABLE "agent_run_metrics" (
    "id"         TEXT NOT NULL,
    "runId"      TEXT NOT NULL,
    "name"       TEXT NOT NULL,
    "value"      DOUBLE PRECISION NOT NULL,
    "unit"       TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_run_metrics_pkey" PRIMARY KEY ("id")
);

-- tool_executions: one tool call, usually within an agent run.
CREATE TABLE "tool_executions" (
    "id"             TEXT NOT NULL,
    "toolId"         TEXT NOT NULL,
    "runId"          TEXT,
    "organizationId" TEXT NOT NULL,
    "status"         TEXT NOT NULL DEFAULT 'pending',
    "input"          JSONB,
    "output"         JSONB,
    "error"          TEXT,
    "startedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt"    TIMESTAMP(3),
    "durationMs"     INTEGER,

    CONSTRAINT "tool_executions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "agents_organizationId_idx" ON "agents"("organizationId");
CREATE INDEX "agents_brandId_idx" ON "agents"("brandId");
CREATE UNIQUE INDEX "agent_configs_agentId_key" ON "agent_configs"("agentId");
CREATE UNIQUE INDEX "tools_name_key" ON "tools"("name");
CREATE UNIQUE INDEX "agent_capabilities_agentId_name_key" ON "agent_capabilities"("agentId", "name");
CREATE INDEX "agent_capabilities_toolId_idx" ON "agent_capabilities"("toolId");
CREATE INDEX "agent_runs_organizationId_idx" ON "agent_runs"("organizationId");
CREATE INDEX "agent_runs_conversationId_idx" ON "agent_runs"("conversationId");
CREATE INDEX "agent_run_metrics_runId_idx" ON "agent_run_metrics"("runId");
CREATE INDEX "tool_executions_toolId_idx" ON "tool_executions"("toolId");
CREATE INDEX "tool_executions_runId_idx" ON "tool_executions"("runId");
CREATE INDEX "tool_executions_organizationId_idx" ON "tool_executions"("organizationId");


-- =============================================================================
-- 7. RAG: datasets, documents, chunks
-- =============================================================================

-- datasets: knowledge collections of an organization.
CREATE TABLE "datasets" (
    "id"               TEXT NOT NULL,
    "organizationId"   TEXT NOT NULL,
    "embeddingSpaceId" TEXT,
    "name"             TEXT NOT NULL,
    "description"      TEXT,
    "kind"             "DatasetKind" NOT NULL DEFAULT 'DOCUMENTS',
    "metadata"         JSONB,
    "createdAt"        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- documents: source documents of a dataset.
CREATE TABLE "documents" (
    "id"             TEXT NOT NULL,
    "datasetId"      TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "title"          TEXT NOT NULL,
    "sourceUrl"      TEXT,
    "mimeType"       TEXT,
    "content"        TEXT,
    "checksum"       TEXT,
    "status"         TEXT NOT NULL DEFAULT 'pending',
    "metadata"       JSONB,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- chunks: retrieval units of a document, with their embedding.
-- "datasetId" and "organizationId" are denormalised for filtered search.
CREATE TABLE "chunks" (
    "id"             TEXT NOT NULL,
    "documentId"     TEXT NOT NULL,
    "datasetId"      TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "ordinal"        INTEGER NOT NULL,
    "content"        TEXT NOT NULL,
    "tokenCount"     INTEGER,
    "metadata"       JSONB,
    "embedding"      vector,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chunks_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "datasets_organizationId_idx" ON "datasets"("organizationId");
CREATE INDEX "documents_datasetId_idx" ON "documents"("datasetId");
CREATE INDEX "documents_organizationId_idx" ON "documents"("organizationId");
CREATE UNIQUE INDEX "chunks_documentId_ordinal_key" ON "chunks"("documentId", "ordinal");
CREATE INDEX "chunks_datasetId_idx" ON "chunks"("datasetId");
CREATE INDEX "chunks_organizationId_idx" ON "chunks"("organizationId");


-- =============================================================================
-- 8. Conversations: conversations, messages
-- =============================================================================

-- conversations: a thread between users and (optionally) an agent.
CREATE TABLE "conversations" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "agentId"        TEXT,
    "userId"         TEXT,
    "title"          TEXT,
    "kind"           "ConversationKind" NOT NULL DEFAULT 'CHAT',
    "metadata"       JSONB,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- messages: conversation turns, with their embedding.
CREATE TABLE "messages" (
    "id"             TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "authorId"       TEXT,
    "role"           "MessageRole" NOT NULL,
    "content"        TEXT NOT NULL,
    "tokenCount"     INTEGER,
    "metadata"       JSONB,
    "embedding"      vector,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "conversations_organizationId_idx" ON "conversations"("organizationId");
CREATE INDEX "conversations_agentId_idx" ON "conversations"("agentId");
CREATE INDEX "conversations_userId_idx" ON "conversations"("userId");


-- =============================================================================
-- 9. Campaigns: campaigns, campaign_metrics, email_sequences, social_posts
-- =============================================================================

-- campaigns: marketing campaigns of an organization, optionally per brand.
CREATE TABLE "campaigns" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId"        TEXT,
    "createdById"    TEXT,
    "name"           TEXT NOT NULL,
    "description"    TEXT,
    "status"         "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "budget"         DECIMAL(12,2),
    "startsAt"       TIMESTAMP(3),
    "endsAt"         TIMESTAMP(3),
    "settings"       JSONB NOT NULL DEFAULT '{}',
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- campaign_metrics: time series of campaign KPIs ("kind" = impressions,
-- clicks, conversions, ...). "ts" is renamed to "timestamp" by V5.
CREATE TABLE "campaign_metrics" (
    "id"         TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "kind"       TEXT NOT NULL,
    "value"      DOUBLE PRECISION NOT NULL,
    "ts"         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "metadata"   JSONB,

    CONSTRAINT "campaign_metrics_pkey" PRIMARY KEY ("id")
);

-- email_sequences: drip sequences of a campaign ("steps" = ordered emails).
CREATE TABLE "email_sequences" (
    "id"             TEXT NOT NULL,
    "campaignId"     TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name"           TEXT NOT NULL,
    "fromAddress"    TEXT,
    "steps"          JSONB NOT NULL DEFAULT '[]',
    "status"         "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_sequences_pkey" PRIMARY KEY ("id")
);

-- social_posts: scheduled / published posts on social platforms.
CREATE TABLE "social_posts" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "campaignId"     TEXT,
    "brandId"        TEXT,
    "contentId"      TEXT,
    "platform"       TEXT NOT NULL,
    "body"           TEXT NOT NULL,
    "mediaUrls"      JSONB NOT NULL DEFAULT '[]',
    "status"         TEXT NOT NULL DEFAULT 'draft',
    "scheduledAt"    TIMESTAMP(3),
    "publishedAt"    TIMESTAMP(3),
    "externalId"     TEXT,
    "metrics"        JSONB,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "social_posts_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "campaigns_organizationId_status_idx" ON "campaigns"("organizationId", "status");
CREATE INDEX "campaigns_brandId_idx" ON "campaigns"("brandId");
CREATE INDEX "email_sequences_campaignId_idx" ON "email_sequences"("campaignId");
CREATE INDEX "email_sequences_organizationId_idx" ON "email_sequences"("organizationId");
CREATE INDEX "social_posts_organizationId_scheduledAt_idx" ON "social_posts"("organizationId", "scheduledAt");
CREATE INDEX "social_posts_campaignId_idx" ON "social_posts"("campaignId");


-- =============================================================================
-- 10. Content: contents, ab_tests
-- =============================================================================

-- contents: generated or authored content pieces.
CREATE TABLE "contents" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId"        TEXT,
    "campaignId"     TEXT,
    "authorId"       TEXT,
    "agentId"        TEXT,
    "kind"           "ContentKind" NOT NULL,
    "title"          TEXT NOT NULL,
    "body"           TEXT,
    "status"         TEXT NOT NULL DEFAULT 'draft',
    "metadata"       JSONB,
    "publishedAt"    TIMESTAMP(3),
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contents_pkey" PRIMARY KEY ("id")
);

-- ab_tests: experiments over content variants.
CREATE TABLE "ab_tests" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "campaignId"     TEXT,
    "contentId"      TEXT,
    "name"           TEXT NOT NULL,
    "hypothesis"     TEXT,
    "variants"       JSONB NOT NULL DEFAULT '[]',
    "status"         "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "winnerVariant"  TEXT,
    "startedAt"      TIMESTAMP(3),
    "endedAt"        TIMESTAMP(3),
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ab_tests_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "contents_organizationId_kind_idx" ON "contents"("organizationId", "kind");
CREATE INDEX "contents_campaignId_idx" ON "contents"("campaignId");
CREATE INDEX "ab_tests_organizationId_idx" ON "ab_tests"("organizationId");
CREATE INDEX "ab_tests_campaignId_idx" ON "ab_tests"("campaignId");


-- =============================================================================
-- 11. Training: model_versions, training_jobs, inference_endpoints
-- =============================================================================

-- model_versions: base or fine-tuned models available to an organization.
CREATE TABLE "model_versions" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name"           TEXT NOT NULL,
    "version"        TEXT NOT NULL,
    "provider"       TEXT NOT NULL DEFAULT 'openai',
    "baseModel"      TEXT NOT NULL,
    "artifactUri"    TEXT,
    "metrics"        JSONB,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- training_jobs: fine-tuning jobs over a dataset, producing a model version.
CREATE TABLE "training_jobs" (
    "id"              TEXT NOT NULL,
    "organizationId"  TEXT NOT NULL,
    "datasetId"       TEXT,
    "modelVersionId"  TEXT,
    "createdById"     TEXT,
    "status"          "TrainStatus" NOT NULL DEFAULT 'QUEUED',
    "hyperparameters" JSONB NOT NULL DEFAULT '{}',
    "error"           TEXT,
    "startedAt"       TIMESTAMP(3),
    "completedAt"     TIMESTAMP(3),
    "createdAt"       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_jobs_pkey" PRIMARY KEY ("id")
);

-- inference_endpoints: deployed serving endpoints of a model version.
CREATE TABLE "inference_endpoints" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "name"           TEXT NOT NULL,
    "url"            TEXT NOT NULL,
    "status"         TEXT NOT NULL DEFAULT 'provisioning',
    "config"         JSONB NOT NULL DEFAULT '{}',
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inference_endpoints_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "model_versions_organizationId_name_version_key" ON "model_versions"("organizationId", "name", "version");
CREATE INDEX "training_jobs_organizationId_status_idx" ON "training_jobs"("organizationId", "status");
CREATE INDEX "training_jobs_datasetId_idx" ON "training_jobs"("datasetId");
CREATE UNIQUE INDEX "inference_endpoints_organizationId_name_key" ON "inference_endpoints"("organizationId", "name");
CREATE INDEX "inference_endpoints_modelVersionId_idx" ON "inference_endpoints"("modelVersionId");


-- =============================================================================
-- 12. Connectors: connectors, connector_credentials
-- =============================================================================

-- connectors: integrations (Slack, HubSpot, Google Ads, ...) of an organization.
CREATE TABLE "connectors" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "createdById"    TEXT,
    "kind"           TEXT NOT NULL,
    "name"           TEXT NOT NULL,
    "status"         TEXT NOT NULL DEFAULT 'disconnected',
    "config"         JSONB NOT NULL DEFAULT '{}',
    "lastSyncedAt"   TIMESTAMP(3),
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connectors_pkey" PRIMARY KEY ("id")
);

-- connector_credentials: encrypted secrets of a connector, one row per key.
CREATE TABLE "connector_credentials" (
    "id"             TEXT NOT NULL,
    "connectorId"    TEXT NOT NULL,
    "key"            TEXT NOT NULL,
    "encryptedValue" TEXT NOT NULL,
    "expiresAt"      TIMESTAMP(3),
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connector_credentials_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "connectors_organizationId_idx" ON "connectors"("organizationId");
CREATE UNIQUE INDEX "connector_credentials_connectorId_key_key" ON "connector_credentials"("connectorId", "key");


-- =============================================================================
-- 13. Governance: audit_logs (legacy, now org-scoped), api_keys
-- =============================================================================

-- audit_logs: legacy (V2, realigned in V3); gains organization scoping.
-- "organizationId" stays nullable: system / pre-org events have none.
CREATE TABLE IF NOT EXISTS "audit_logs" (
    "id"           TEXT NOT NULL,
    "userId"       TEXT,
    "action"       TEXT NOT NULL,
    "resourceType" TEXT,
    "resourceId"   TEXT,
    "metadata"     JSONB,
    "ipAddress"    TEXT,
    "createdAt"    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "audit_logs" ADD COLUMN IF NOT EXISTS "organizationId" TEXT;
ALTER TABLE "audit_logs" ADD COLUMN IF NOT EXISTS "userAgent"      TEXT;

CREATE INDEX IF NOT EXISTS "audit_logs_userId_createdAt_idx" ON "audit_logs"("userId", "createdAt");
CREATE INDEX IF NOT EXISTS "audit_logs_action_idx" ON "audit_logs"("action");
CREATE INDEX IF NOT EXISTS "audit_logs_resourceType_resourceId_idx" ON "audit_logs"("resourceType", "resourceId");
CREATE INDEX IF NOT EXISTS "audit_logs_organizationId_createdAt_idx" ON "audit_logs"("organizationId", "createdAt");

-- api_keys: organization API keys ("key" holds the hashed secret).
CREATE TABLE "api_keys" (
    "id"             TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId"         TEXT,
    "name"           TEXT NOT NULL,
    "key"            TEXT NOT NULL,
    "prefix"         TEXT,
    "scopes"         JSONB NOT NULL DEFAULT '[]',
    "lastUsedAt"     TIMESTAMP(3),
    "expiresAt"      TIMESTAMP(3),
    "revokedAt"      TIMESTAMP(3),
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "api_keys_key_key" ON "api_keys"("key");
CREATE INDEX "api_keys_organizationId_idx" ON "api_keys"("organizationId");


-- =============================================================================
-- 14. Legacy phase 4 tables: drafts, subscriptions, invoices, usage_records,
--     agent_jobs (from V2, realigned in V3) - kept and org-scoped.
--     "organizationId" is nullable on these: existing rows predate orgs.
-- =============================================================================
CREATE TABLE IF NOT EXISTS "drafts" (
    "id"          TEXT NOT NULL,
    "userId"      TEXT NOT NULL,
    "title"       TEXT,
    "content"     TEXT NOT NULL,
    "platform"    TEXT,
    "status"      TEXT NOT NULL DEFAULT 'draft',
    "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "scheduledAt" TIMESTAMP(3),

    CONSTRAINT "drafts_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "drafts" ADD COLUMN IF NOT EXISTS "organizationId" TEXT;
ALTER TABLE "drafts" ADD COLUMN IF NOT EXISTS "brandId"        TEXT;

CREATE TABLE IF NOT EXISTS "subscriptions" (
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
    "trialEndsAt"          TIMESTAMP(3),

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "subscriptions" ADD COLUMN IF NOT EXISTS "organizationId" TEXT;

CREATE TABLE IF NOT EXISTS "invoices" (
    "id"               TEXT NOT NULL,
    "subscriptionId"   TEXT NOT NULL,
    "stripeInvoiceId"  TEXT,
    "amountCents"      INTEGER NOT NULL,
    "currency"         TEXT NOT NULL DEFAULT 'usd',
    "status"           TEXT NOT NULL DEFAULT 'draft',
    "periodStart"      TIMESTAMP(3),
    "periodEnd"        TIMESTAMP(3),
    "paidAt"           TIMESTAMP(3),
    "hostedInvoiceUrl" TEXT,
    "createdAt"        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "invoices" ADD COLUMN IF NOT EXISTS "organizationId" TEXT;

CREATE TABLE IF NOT EXISTS "usage_records" (
    "id"          TEXT NOT NULL,
    "userId"      TEXT NOT NULL,
    "metric"      TEXT NOT NULL,
    "quantity"    BIGINT NOT NULL DEFAULT 0,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd"   TIMESTAMP(3) NOT NULL,
    "metadata"    JSONB,
    "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_records_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "usage_records" ADD COLUMN IF NOT EXISTS "organizationId" TEXT;

CREATE TABLE IF NOT EXISTS "agent_jobs" (
    "id"          TEXT NOT NULL,
    "agent"       TEXT NOT NULL,
    "input"       JSONB NOT NULL,
    "output"      JSONB,
    "status"      TEXT NOT NULL DEFAULT 'queued',
    "error"       TEXT,
    "createdById" TEXT,
    "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt"   TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "duration"    INTEGER,
    "tokens"      INTEGER,
    "cost"        DOUBLE PRECISION,

    CONSTRAINT "agent_jobs_pkey" PRIMARY KEY ("id")
);

-- agent_jobs now optionally point at the agent that replaced the legacy name.
ALTER TABLE "agent_jobs" ADD COLUMN IF NOT EXISTS "organizationId" TEXT;
ALTER TABLE "agent_jobs" ADD COLUMN IF NOT EXISTS "agentId"        TEXT;

CREATE INDEX IF NOT EXISTS "drafts_userId_status_idx" ON "drafts"("userId", "status");
CREATE INDEX IF NOT EXISTS "drafts_organizationId_idx" ON "drafts"("organizationId");
CREATE UNIQUE INDEX IF NOT EXISTS "subscriptions_userId_key" ON "subscriptions"("userId");
CREATE UNIQUE INDEX IF NOT EXISTS "subscriptions_stripeSubscriptionId_key" ON "subscriptions"("stripeSubscriptionId");
CREATE INDEX IF NOT EXISTS "subscriptions_stripeCustomerId_idx" ON "subscriptions"("stripeCustomerId");
CREATE INDEX IF NOT EXISTS "subscriptions_organizationId_idx" ON "subscriptions"("organizationId");
CREATE INDEX IF NOT EXISTS "invoices_subscriptionId_idx" ON "invoices"("subscriptionId");
CREATE UNIQUE INDEX IF NOT EXISTS "invoices_stripeInvoiceId_key" ON "invoices"("stripeInvoiceId");
CREATE INDEX IF NOT EXISTS "invoices_organizationId_idx" ON "invoices"("organizationId");
CREATE INDEX IF NOT EXISTS "usage_records_userId_metric_periodStart_idx" ON "usage_records"("userId", "metric", "periodStart");
CREATE INDEX IF NOT EXISTS "usage_records_organizationId_periodStart_idx" ON "usage_records"("organizationId", "periodStart");
CREATE INDEX IF NOT EXISTS "agent_jobs_createdById_idx" ON "agent_jobs"("createdById");
CREATE INDEX IF NOT EXISTS "agent_jobs_agent_status_idx" ON "agent_jobs"("agent", "status");
CREATE INDEX IF NOT EXISTS "agent_jobs_createdAt_idx" ON "agent_jobs"("createdAt");
CREATE INDEX IF NOT EXISTS "agent_jobs_organizationId_idx" ON "agent_jobs"("organizationId");


-- =============================================================================
-- 15. Foreign keys
--     Constraints the legacy migrations already created are dropped first
--     (IF EXISTS) so that the statements apply with or without V1-V3.
-- =============================================================================

-- ---- Identity ---------------------------------------------------------------
ALTER TABLE "accounts" DROP CONSTRAINT IF EXISTS "accounts_userId_fkey";
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "sessions" DROP CONSTRAINT IF EXISTS "sessions_userId_fkey";
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- Organizations & RBAC ---------------------------------------------------
ALTER TABLE "organization_memberships" ADD CONSTRAINT "organization_memberships_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "organization_memberships" ADD CONSTRAINT "organization_memberships_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "organization_memberships" ADD CONSTRAINT "organization_memberships_roleId_fkey"
    FOREIGN KEY ("roleId") REFERENCES "roles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "organization_memberships" ADD CONSTRAINT "organization_memberships_invitedById_fkey"
    FOREIGN KEY ("invitedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "roles" ADD CONSTRAINT "roles_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_roleId_fkey"
    FOREIGN KEY ("roleId") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_permissionId_fkey"
    FOREIGN KEY ("permissionId") REFERENCES "permissions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- Brand ------------------------------------------------------------------
ALTER TABLE "brands" ADD CONSTRAINT "brands_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "brand_voices" ADD CONSTRAINT "brand_voices_brandId_fkey"
    FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "brand_voices" ADD CONSTRAINT "brand_voices_embeddingSpaceId_fkey"
    FOREIGN KEY ("embeddingSpaceId") REFERENCES "embedding_spaces"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "brand_assets" ADD CONSTRAINT "brand_assets_brandId_fkey"
    FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "brand_assets" ADD CONSTRAINT "brand_assets_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- Agents -----------------------------------------------------------------
ALTER TABLE "agents" ADD CONSTRAINT "agents_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "agents" ADD CONSTRAINT "agents_brandId_fkey"
    FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "agents" ADD CONSTRAINT "agents_createdById_fkey"
    FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_agentId_fkey"
    FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_modelVersionId_fkey"
    FOREIGN KEY ("modelVersionId") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "agent_capabilities" ADD CONSTRAINT "agent_capabilities_agentId_fkey"
    FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "agent_capabilities" ADD CONSTRAINT "agent_capabilities_toolId_fkey"
    FOREIGN KEY ("toolId") REFERENCES "tools"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_agentId_fkey"
    FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_conversationId_fkey"
    FOREIGN KEY ("conversationId") REFERENCES "conversations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_triggeredById_fkey"
    FOREIGN KEY ("triggeredById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "agent_run_metrics" ADD CONSTRAINT "agent_run_metrics_runId_fkey"
    FOREIGN KEY ("runId") REFERENCES "agent_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "tool_executions" ADD CONSTRAINT "tool_executions_toolId_fkey"
    FOREIGN KEY ("toolId") REFERENCES "tools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "tool_executions" ADD CONSTRAINT "tool_executions_runId_fkey"
    FOREIGN KEY ("runId") REFERENCES "agent_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "tool_executions" ADD CONSTRAINT "tool_executions_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- RAG --------------------------------------------------------------------
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "datasets" ADD CONSTRAINT "datasets_embeddingSpaceId_fkey"
    FOREIGN KEY ("embeddingSpaceId") REFERENCES "embedding_spaces"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "documents" ADD CONSTRAINT "documents_datasetId_fkey"
    FOREIGN KEY ("datasetId") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "documents" ADD CONSTRAINT "documents_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "chunks" ADD CONSTRAINT "chunks_documentId_fkey"
    FOREIGN KEY ("documentId") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "chunks" ADD CONSTRAINT "chunks_datasetId_fkey"
    FOREIGN KEY ("datasetId") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "chunks" ADD CONSTRAINT "chunks_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- Conversations ----------------------------------------------------------
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "conversations" ADD CONSTRAINT "conversations_agentId_fkey"
    FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "conversations" ADD CONSTRAINT "conversations_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "messages" ADD CONSTRAINT "messages_conversationId_fkey"
    FOREIGN KEY ("conversationId") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "messages" ADD CONSTRAINT "messages_authorId_fkey"
    FOREIGN KEY ("authorId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---- Campaigns --------------------------------------------------------------
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_brandId_fkey"
    FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_createdById_fkey"
    FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "campaign_metrics" ADD CONSTRAINT "campaign_metrics_campaignId_fkey"
    FOREIGN KEY ("campaignId") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "email_sequences" ADD CONSTRAINT "email_sequences_campaignId_fkey"
    FOREIGN KEY ("campaignId") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "email_sequences" ADD CONSTRAINT "email_sequences_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "social_posts" ADD CONSTRAINT "social_posts_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "social_posts" ADD CONSTRAINT "social_posts_campaignId_fkey"
    FOREIGN KEY ("campaignId") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "social_posts" ADD CONSTRAINT "social_posts_brandId_fkey"
    FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "social_posts" ADD CONSTRAINT "social_posts_contentId_fkey"
    FOREIGN KEY ("contentId") REFERENCES "contents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---- Content ----------------------------------------------------------------
ALTER TABLE "contents" ADD CONSTRAINT "contents_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "contents" ADD CONSTRAINT "contents_brandId_fkey"
    FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "contents" ADD CONSTRAINT "contents_campaignId_fkey"
    FOREIGN KEY ("campaignId") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "contents" ADD CONSTRAINT "contents_authorId_fkey"
    FOREIGN KEY ("authorId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "contents" ADD CONSTRAINT "contents_agentId_fkey"
    FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_campaignId_fkey"
    FOREIGN KEY ("campaignId") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_contentId_fkey"
    FOREIGN KEY ("contentId") REFERENCES "contents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---- Training ---------------------------------------------------------------
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "training_jobs" ADD CONSTRAINT "training_jobs_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "training_jobs" ADD CONSTRAINT "training_jobs_datasetId_fkey"
    FOREIGN KEY ("datasetId") REFERENCES "datasets"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "training_jobs" ADD CONSTRAINT "training_jobs_modelVersionId_fkey"
    FOREIGN KEY ("modelVersionId") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "training_jobs" ADD CONSTRAINT "training_jobs_createdById_fkey"
    FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "inference_endpoints" ADD CONSTRAINT "inference_endpoints_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "inference_endpoints" ADD CONSTRAINT "inference_endpoints_modelVersionId_fkey"
    FOREIGN KEY ("modelVersionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- Connectors -------------------------------------------------------------
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "connectors" ADD CONSTRAINT "connectors_createdById_fkey"
    FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "connector_credentials" ADD CONSTRAINT "connector_credentials_connectorId_fkey"
    FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- Governance -------------------------------------------------------------
ALTER TABLE "audit_logs" DROP CONSTRAINT IF EXISTS "audit_logs_userId_fkey";
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---- Legacy phase 4 tables --------------------------------------------------
ALTER TABLE "drafts" DROP CONSTRAINT IF EXISTS "drafts_userId_fkey";
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "drafts" ADD CONSTRAINT "drafts_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "drafts" ADD CONSTRAINT "drafts_brandId_fkey"
    FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "subscriptions" DROP CONSTRAINT IF EXISTS "subscriptions_userId_fkey";
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "invoices" DROP CONSTRAINT IF EXISTS "invoices_subscriptionId_fkey";
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_subscriptionId_fkey"
    FOREIGN KEY ("subscriptionId") REFERENCES "subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "invoices" ADD CONSTRAINT "invoices_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "usage_records" DROP CONSTRAINT IF EXISTS "usage_records_userId_fkey";
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "agent_jobs" DROP CONSTRAINT IF EXISTS "agent_jobs_createdById_fkey";
ALTER TABLE "agent_jobs" ADD CONSTRAINT "agent_jobs_createdById_fkey"
    FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "agent_jobs" ADD CONSTRAINT "agent_jobs_organizationId_fkey"
    FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "agent_jobs" ADD CONSTRAINT "agent_jobs_agentId_fkey"
    FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;
