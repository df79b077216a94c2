ALTER TABLE documents DROP COLUMN source;
