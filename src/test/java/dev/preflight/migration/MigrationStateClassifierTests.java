package dev.preflight.migration;

import static dev.preflight.migration.MigrationStateClassifier.classify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.MigrationStatus.State;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every migration state from its facts, and the boundaries between them.
 *
 * <p>Mutations known to be killed: UNMANAGED never reported (tables without history classified as
 * NEVER_MIGRATED); a failed history row ignored (failed > 0 and failed >= 0 swapped); a failure
 * outranked by "no history" or "pending"; PENDING reported for a database with no history table;
 * one pending migration taken for up to date (pending > 0 vs pending > 1); an empty database taken
 * for an unmanaged one (tables == 0 negated).
 */
class MigrationStateClassifierTests {

    @Test
    void noHistoryTableAndNoTablesWasNeverMigrated() {
        // Flyway resolves every file as pending when there is no history table: that must not make it PENDING
        assertThat(classify(false, 0, 5, 0)).isEqualTo(State.NEVER_MIGRATED);
        assertThat(classify(false, 0, 0, 0)).isEqualTo(State.NEVER_MIGRATED);
    }

    @Test
    void tablesWithoutHistoryAreUnmanaged() {
        assertThat(classify(false, 1, 5, 0)).isEqualTo(State.UNMANAGED);
        assertThat(classify(false, 40, 0, 0)).isEqualTo(State.UNMANAGED);
    }

    @Test
    void historyWithPendingMigrationsIsPending() {
        assertThat(classify(true, 40, 1, 0)).isEqualTo(State.PENDING);
        assertThat(classify(true, 0, 3, 0)).isEqualTo(State.PENDING);
    }

    @Test
    void historyWithNothingPendingIsUpToDate() {
        assertThat(classify(true, 40, 0, 0)).isEqualTo(State.UP_TO_DATE);
        // a history table and no migration files yet: nothing to apply
        assertThat(classify(true, 0, 0, 0)).isEqualTo(State.UP_TO_DATE);
    }

    @Test
    void aRecordedFailureOutranksEveryOtherFact() {
        assertThat(classify(true, 40, 0, 1)).isEqualTo(State.FAILED);
        assertThat(classify(true, 40, 2, 1)).isEqualTo(State.FAILED);
        assertThat(classify(false, 0, 0, 1)).isEqualTo(State.FAILED);
        assertThat(classify(false, 3, 0, 2)).isEqualTo(State.FAILED);
    }

    @Test
    void everyMeasuredStateIsReachable() {
        Set<State> seen = EnumSet.noneOf(State.class);
        for (boolean history : new boolean[] {false, true}) {
            for (int tables : new int[] {0, 1}) {
                for (int pending : new int[] {0, 1}) {
                    for (int failed : new int[] {0, 1}) {
                        seen.add(classify(history, tables, pending, failed));
                    }
                }
            }
        }
        // UNKNOWN is for a database that could not be reached: never decided from facts
        assertThat(seen).isEqualTo(EnumSet.complementOf(EnumSet.of(State.UNKNOWN)));
    }
}
