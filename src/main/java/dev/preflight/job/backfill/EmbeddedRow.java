package dev.preflight.job.backfill;

/**
 * One row as it reaches the writer: its vector, or why it has none (a skip: empty or too long
 * text; a failure: the provider's answer for its chunk was unusable).
 *
 * @param hash md5 of the text, as PostgreSQL computed it when the row was read
 * @param hadVector whether the row had a vector before (refreshed rather than newly embedded)
 * @param record the row's record in {@code preflight.embedding_state}, and so what the writer does with it
 */
public record EmbeddedRow(String id, String hash, boolean hadVector, StateRecord record, float[] vector, Issue issue, String reason) {

    /** Why a row got no vector. */
    public enum Issue { SKIPPED, FAILED }

    /**
     * The row's side-table record; {@link #code} is what the staging table's {@code record} column holds.
     * A record may be written before its vector only while the row's vector is NULL: a NULL vector needs
     * work whatever its record says, so a run that dies in between redoes the row, never trusts it.
     */
    public enum StateRecord {
        /** No record when read: the writer inserts one with the vector. */
        NONE(0),
        /** A record when read (it may be stale): the writer replaces it with the vector. */
        EXISTING(1),
        /** Written by the producer's page read, committed before the vector: the writer leaves it. */
        WRITTEN_AHEAD(2);

        private final short code;

        StateRecord(int code) {
            this.code = (short) code;
        }

        public short code() {
            return code;
        }
    }

    public static EmbeddedRow embedded(String id, String hash, boolean hadVector, StateRecord record, float[] vector) {
        return new EmbeddedRow(id, hash, hadVector, record, vector, null, null);
    }

    public static EmbeddedRow issue(String id, String hash, boolean hadVector, StateRecord record, Issue issue, String reason) {
        return new EmbeddedRow(id, hash, hadVector, record, null, issue, reason);
    }
}
