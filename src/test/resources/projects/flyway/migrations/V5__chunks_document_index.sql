CREATE INDEX chunks_document_id_idx ON chunks (document_id);

-- Non-transactional: PostgreSQL refuses VACUUM inside a transaction block, so Flyway runs this
-- migration outside one. (CREATE INDEX CONCURRENTLY through Flyway is the safety issue's: it waits.)
VACUUM ANALYZE chunks;
