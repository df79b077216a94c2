-- Built without blocking writes: PostgreSQL runs it outside a transaction block
CREATE INDEX CONCURRENTLY chunks_document_id_idx ON chunks (document_id);
