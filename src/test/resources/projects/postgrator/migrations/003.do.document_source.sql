ALTER TABLE documents ADD COLUMN source text NOT NULL DEFAULT 'upload';

COMMENT ON COLUMN chunks.embedding IS 'all-MiniLM-L6-v2; -- not a comment; 384 dimensions';
