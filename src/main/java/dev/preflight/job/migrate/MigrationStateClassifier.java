package dev.preflight.job.migrate;

import dev.preflight.report.MigrationStatus.State;

/**
 * Decides a database's migration state from what the catalog and the history table say; pure, so
 * every state is unit-tested without a database.
 */
public final class MigrationStateClassifier {

    private MigrationStateClassifier() {
    }

    /**
     * A recorded failure wins over everything; without a history table the application tables
     * tell "never migrated" from "built by hand or another tool"; with one, pending migrations
     * tell PENDING from UP_TO_DATE. Applied counts do not decide: an up-to-date database may have
     * applied none (no migration files yet).
     *
     * @param historyTable      whether the schema history table exists
     * @param applicationTables tables outside the history table and Preflight's own schema
     * @param pending           migrations resolved from files but not applied
     * @param failed            history rows recorded as failed
     */
    public static State classify(boolean historyTable, int applicationTables, int pending, int failed) {
        if (failed > 0) {
            return State.FAILED;
        }
        if (!historyTable) {
            return applicationTables == 0 ? State.NEVER_MIGRATED : State.UNMANAGED;
        }
        return pending > 0 ? State.PENDING : State.UP_TO_DATE;
    }
}
