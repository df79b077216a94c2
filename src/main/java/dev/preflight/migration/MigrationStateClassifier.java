package dev.preflight.migration;

import dev.preflight.report.MigrationStatus.State;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Pure classification of a layout's migrations against its native history rows, in Flyway's
 * state words (the checks and the report read them): SUCCESS, PENDING, FAILED, IGNORED for a
 * migration without a row that the native tool will not apply ({@link MigrationSource#ignored}), and
 * MISSING_SUCCESS / MISSING_FAILED for rows whose file is gone. A rolled-back row does not count
 * (Prisma applies the migration again); an edited file stays SUCCESS with both checksums kept, so
 * MIG004 reports the difference.
 */
public final class MigrationStateClassifier {

    /** One migration (null when only the history has it), its latest counting row (null when none) and its state. */
    public record Classified(Migration migration, AppliedMigration applied, String state, boolean checksumMatches) {
    }

    private MigrationStateClassifier() {
    }

    /** The migrations of {@code source} against its history on {@code connection}, ignored ones included. */
    public static List<Classified> classify(MigrationSource source, Connection connection) throws SQLException {
        List<AppliedMigration> history = source.history(connection);
        return classify(source.migrations(), history, source::checksumMatches, source.ignored(history).keySet());
    }

    public static List<Classified> classify(List<Migration> local, List<AppliedMigration> history, BiPredicate<Migration, String> checksumMatches) {
        return classify(local, history, checksumMatches, Set.of());
    }

    /** @param ignored ids of the migrations without a row that the native tool will not apply */
    public static List<Classified> classify(List<Migration> local, List<AppliedMigration> history, BiPredicate<Migration, String> checksumMatches,
                                            Set<String> ignored) {
        Map<String, AppliedMigration> latest = new LinkedHashMap<>();
        for (AppliedMigration a : history) {
            if (a.status() != AppliedMigration.Status.ROLLED_BACK) {
                latest.put(a.id(), a); // rows come in applied order: the last attempt is what counts
            }
        }
        List<Classified> out = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (Migration m : local) {
            known.add(m.id());
            AppliedMigration a = latest.get(m.id());
            if (a == null) {
                out.add(new Classified(m, null, ignored.contains(m.id()) ? "IGNORED" : "PENDING", true));
            } else if (a.status() == AppliedMigration.Status.SUCCESS) {
                out.add(new Classified(m, a, "SUCCESS", checksumMatches.test(m, a.checksum())));
            } else {
                out.add(new Classified(m, a, "FAILED", true));
            }
        }
        for (AppliedMigration a : latest.values()) {
            if (!known.contains(a.id())) {
                out.add(new Classified(null, a, a.status() == AppliedMigration.Status.SUCCESS ? "MISSING_SUCCESS" : "MISSING_FAILED", true));
            }
        }
        return out;
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
