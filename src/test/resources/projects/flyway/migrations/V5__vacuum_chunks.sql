-- Non-transactional: PostgreSQL refuses VACUUM inside a transaction block, so Flyway runs this
-- migration outside one. (CREATE INDEX CONCURRENTLY through Flyway waits forever today: that hang
-- is the migrate-and-verify safety issue's, so this fixture does not depend on it.)
VACUUM ANALYZE chunks;
