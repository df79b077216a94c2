package dev.preflight.report;

/**
 * The migration state of the database before and after the run, so "never migrated" and "up to
 * date" can never be confused.
 */
public record MigrationStatus(DatabaseState before, DatabaseState after, int filesFound, int totalLines,
                              int appliedInThisRun, String error) {

    /** A state and the facts it was decided from. */
    public record DatabaseState(State state, String currentVersion, int applied, int pending, int failed,
                                int applicationTables, boolean historyTable) {
    }

    /** What the catalog and the history table say about a database. */
    public enum State {
        /** No history table and no application tables. */
        NEVER_MIGRATED,
        /** Application tables but no history table: created by hand or by another tool. */
        UNMANAGED,
        /** History table, migrations not yet applied. */
        PENDING,
        /** History table, every migration applied. */
        UP_TO_DATE,
        /** The history table records a failed migration. */
        FAILED,
        /** Not measured (the database could not be reached). */
        UNKNOWN
    }
}
