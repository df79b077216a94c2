package dev.preflight.check.migration;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.MigrationStatus.State;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * MIG003: no migration is left pending. Pending migrations mean the code will meet a schema older
 * than it expects; run migrate.
 */
public final class NoPendingMigrationsCheck implements Check {

    @Override
    public String id() {
        return "MIG003";
    }

    @Override
    public String title() {
        return "No migration is pending";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> run(CheckContext ctx) {
        var s = ctx.migrationState();
        if (s.state() == State.NEVER_MIGRATED || s.pending() == 0) {
            return List.of(); // a never-migrated database is MIG001's finding
        }
        List<String> pending = ctx.migrationEntries().stream().filter(e -> e.state().equals("PENDING")).map(e -> e.file()).toList();
        return List.of(finding("migrations", s.pending() + " migration(s) pending: " + String.join(", ", pending),
                "0 pending", s.pending() + " pending", "run ./preflight migrate against this database"));
    }
}
