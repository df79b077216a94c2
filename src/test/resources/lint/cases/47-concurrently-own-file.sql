-- expect: none
CREATE INDEX CONCURRENTLY IF NOT EXISTS chunks_content_idx ON chunks (content);
