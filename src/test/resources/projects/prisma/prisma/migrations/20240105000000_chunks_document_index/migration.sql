-- Built without blocking writes: PostgreSQL runs it outside a transaction block
CREATE INDEX CONCURRENTLY "chunks_documentId_idx" ON "chunks"("documentId");
