-- Custom SQL migration file (drizzle-kit generate --custom): built without blocking writes
CREATE INDEX CONCURRENTLY "chunks_document_id_idx" ON "chunks" ("document_id");
