-- migrate:up
CREATE TABLE chunks (
    id bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    content text NOT NULL,
    embedding vector(384)
);

CREATE INDEX chunks_document_id_idx ON chunks (document_id);

-- migrate:down
DROP TABLE chunks;
