SET lock_timeout = '5s';
-- Looks like a rewrite, is not: widening a varchar only changes the catalog.
ALTER TABLE accounts ALTER COLUMN name TYPE varchar(100);
-- Neither is varchar to text.
ALTER TABLE accounts ALTER COLUMN note TYPE text;
-- A constant default needs no rewrite since PostgreSQL 11.
ALTER TABLE accounts ADD COLUMN active boolean NOT NULL DEFAULT true;
-- A volatile default rewrites every row.
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();
-- A serial column's default is a sequence call: a rewrite no rule reads from the text.
ALTER TABLE accounts ADD COLUMN seq bigserial;
-- integer to bigint rewrites the table.
ALTER TABLE accounts ALTER COLUMN id TYPE bigint;
CREATE INDEX CONCURRENTLY accounts_embedding_idx ON accounts USING hnsw (embedding vector_l2_ops);
