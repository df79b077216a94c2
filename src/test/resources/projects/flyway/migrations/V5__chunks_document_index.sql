-- Non-transactional: PostgreSQL refuses CREATE INDEX CONCURRENTLY inside a transaction block. Preflight
-- applies this file itself, statement by statement outside a transaction, and writes Flyway's history row.
CREATE INDEX CONCURRENTLY chunks_document_id_idx ON chunks (document_id);
