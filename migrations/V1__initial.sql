-- =============================================================================
-- V1__initial.sql
-- Reproduces NeonHub Prisma migration folder: 20251012154609_initial
--
-- Auth + basic tables: the NextAuth-style identity tables (users, accounts,
-- sessions, verification_tokens) and a first, minimal "organizations" table.
-- Later migrations build on these:
--   * V4 (20251026_full_org_ai_vector_bootstrap) adds plan/settings/logo to
--     organizations and re-declares every table here with IF NOT EXISTS.
--
-- Conventions (Prisma-generated SQL): snake_case table names (@@map),
-- camelCase quoted column names, TEXT primary keys with named constraints,
-- TIMESTAMP(3) timestamps.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- users
-- -----------------------------------------------------------------------------
CREATE TABLE "users" (
    "id"            TEXT NOT NULL,
    "email"         TEXT NOT NULL,
    "name"          TEXT,
    "emailVerified" TIMESTAMP(3),
    "image"         TEXT,
    "createdAt"     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- -----------------------------------------------------------------------------
-- accounts (OAuth provider accounts linked to a user)
-- -----------------------------------------------------------------------------
CREATE TABLE "accounts" (
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

-- -----------------------------------------------------------------------------
-- sessions (database sessions)
-- -----------------------------------------------------------------------------
CREATE TABLE "sessions" (
    "id"           TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId"       TEXT NOT NULL,
    "expires"      TIMESTAMP(3) NOT NULL,
    "createdAt"    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- -----------------------------------------------------------------------------
-- verification_tokens (magic-link / email verification)
-- -----------------------------------------------------------------------------
CREATE TABLE "verification_tokens" (
    "id"         TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "token"      TEXT NOT NULL,
    "expires"    TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verification_tokens_pkey" PRIMARY KEY ("id")
);

-- -----------------------------------------------------------------------------
-- organizations (basic; extended in V4)
-- -----------------------------------------------------------------------------
CREATE TABLE "organizations" (
    "id"        TEXT NOT NULL,
    "name"      TEXT NOT NULL,
    "slug"      TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- -----------------------------------------------------------------------------
-- Indexes
-- -----------------------------------------------------------------------------
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE UNIQUE INDEX "accounts_provider_providerAccountId_key" ON "accounts"("provider", "providerAccountId");

CREATE INDEX "accounts_userId_idx" ON "accounts"("userId");

CREATE UNIQUE INDEX "sessions_sessionToken_key" ON "sessions"("sessionToken");

CREATE INDEX "sessions_userId_idx" ON "sessions"("userId");

CREATE UNIQUE INDEX "verification_tokens_token_key" ON "verification_tokens"("token");

CREATE UNIQUE INDEX "verification_tokens_identifier_token_key" ON "verification_tokens"("identifier", "token");

CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- -----------------------------------------------------------------------------
-- Foreign keys
-- -----------------------------------------------------------------------------
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "sessions" ADD CONSTRAINT "sessions_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
