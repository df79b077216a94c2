package dev.preflight.job.backfill;

/**
 * One row as it reaches the writer: its vector, or why it has none (a skip: empty or too long
 * text; a failure: the provider's answer for its chunk was unusable).
 *
 * @param hash md5 of the text, as PostgreSQL computed it when the row was read
 * @param hadVector whether the row had a vector before (refreshed rather than newly embedded)
 * @param recorded whether the row had a record in {@code preflight.embedding_state} when it was read
 */
public record EmbeddedRow(String id, String hash, boolean hadVector, boolean recorded, float[] vector, Issue issue, String reason) {

    /** Why a row got no vector. */
    public enum Issue { SKIPPED, FAILED }

    public static EmbeddedRow embedded(String id, String hash, boolean hadVector, boolean recorded, float[] vector) {
        return new EmbeddedRow(id, hash, hadVector, recorded, vector, null, null);
    }

    public static EmbeddedRow issue(String id, String hash, boolean hadVector, boolean recorded, Issue issue, String reason) {
        return new EmbeddedRow(id, hash, hadVector, recorded, null, issue, reason);
    }
}
