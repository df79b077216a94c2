package dev.preflight.migration;

import dev.preflight.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The smallest apply loop over a {@link MigrationSource}, for layout tests that run without the
 * migrate job: create the native table, apply every migration whose id has no successful history
 * row with {@link MigrationExecutor} (its start recorded first, as the migrate job does), record it
 * natively in its last transaction.
 */
public final class SourceRuns {

    private SourceRuns() {
    }

    /** The ids applied, in order; a failure is recorded natively and thrown. */
    public static List<String> applyPending(MigrationSource source, TestDatabase db) {
        MigrationExecutor executor = new MigrationExecutor(Duration.ofSeconds(10), Duration.ofMinutes(2));
        List<String> applied = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            source.createHistoryTable(c);
            Set<String> done = source.history(c).stream().filter(h -> h.status() == AppliedMigration.Status.SUCCESS)
                    .map(AppliedMigration::id).collect(Collectors.toSet());
            for (Migration m : source.migrations()) {
                if (done.contains(m.id())) {
                    continue;
                }
                Instant start = Instant.now();
                source.recordStarted(c, m, start);
                MigrationExecutor.Result r = executor.apply(c, m.statements(),
                        conn -> source.recordApplied(conn, m, start, Duration.between(start, Instant.now()).toMillis()));
                if (!r.success()) {
                    c.setAutoCommit(true);
                    source.recordFailed(c, m, start, r.error().getMessage());
                    throw new IllegalStateException("migration " + m.id() + " failed: " + r.error().getMessage());
                }
                applied.add(m.id());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return applied;
    }

    public static List<AppliedMigration> history(MigrationSource source, TestDatabase db) {
        try (Connection c = db.connect()) {
            return source.history(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
