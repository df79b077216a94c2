package dev.preflight.check.migration;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * MIG003: no migration is left pending. Pending migrations mean the code will meet a schema older
 * than it expects; run migrate. A Flyway file older than the applied version that never ran (Flyway's
 * IGNORED) is pending too, and migrate cannot apply it.
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
        List<Finding> out = new ArrayList<>();
        // Flyway's IGNORED: a file older than the applied version that never ran; Flyway neither applies it nor,
        // with its default validation, migrates anything else while it is there (another layout's ignored migration is
        // MIG006's, in its own tool's words)
        boolean otherTool = ctx.migrations() != null && ctx.migrations().present() && !ctx.migrations().layout().equals("flyway");
        for (MigrationEntry e : ctx.migrationEntries()) {
            if (!otherTool && e.state().equals("IGNORED")) {
                out.add(finding("migration " + e.version(), e.file() + " (version " + e.version() + ") was never applied and is older than the "
                                + "database's version " + s.currentVersion() + ": Flyway will not apply it, and its validation refuses to migrate "
                                + "while it is there", "applied, or numbered after " + s.currentVersion(), "ignored by Flyway",
                        "give it a version after " + s.currentVersion() + " (rename the file) so that it runs next, then run ./preflight migrate"));
            }
        }
        if (s.pending() == 0) {
            return out; // a never-migrated database fails here too: every file is pending, whatever MIG001 adds
        }
        List<String> pending = ctx.migrationEntries().stream().filter(e -> e.state().equals("PENDING")).map(e -> e.file()).toList();
        out.add(0, finding("migrations", s.pending() + " migration(s) pending: " + String.join(", ", pending),
                "0 pending", s.pending() + " pending", "run ./preflight migrate against this database"));
        return out;
    }
}
