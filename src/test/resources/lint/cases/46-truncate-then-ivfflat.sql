-- expect: LINT001 LINT013 LINT014 LINT022
TRUNCATE chunks;
CREATE INDEX chunks_ivf ON chunks USING ivfflat (embedding vector_cosine_ops) WITH (lists = 10);
