CREATE TABLE feedback (
    id bigserial PRIMARY KEY,
    chunk_id bigint NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
    helpful boolean NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION feedback_score(c bigint) RETURNS numeric LANGUAGE sql STABLE AS $$
    SELECT avg(CASE WHEN helpful THEN 1 ELSE 0 END) FROM feedback WHERE chunk_id = c;
$$;
