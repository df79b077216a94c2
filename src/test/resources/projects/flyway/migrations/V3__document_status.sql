CREATE TYPE document_status AS ENUM ('draft', 'published');
ALTER TABLE documents ADD COLUMN status document_status NOT NULL DEFAULT 'draft';
