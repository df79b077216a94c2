package dev.preflight.check.migration;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * MIG002: every migration applied without error. A failed migration (in this run or recorded in
 * the history) means the schema is not what the code expects; fix the file and migrate again.
 */
public final class MigrationsAppliedCheck implements Check {

    @Override
    public String id() {
        return "MIG002";
    }

    @Override
    public String title() {
        return "Every migration applied without error";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.BLOCKER;
    }

    @Override
    public List<Finding> run(CheckContext ctx) {
        List<Finding> out = new ArrayList<>();
        if (ctx.migrationError() != null) {
            out.add(finding("migrations", ctx.migrationError(), "applied", "failed",
                    "fix the statement at that line (or the database state it depends on) and run migrate again"));
        }
        ctx.migrationEntries().stream().filter(e -> e.state().contains("FAILED")).forEach(e -> out.add(finding(
                "migration " + e.version(), "the schema history records migration " + e.file() + " as failed", "SUCCESS", e.state(),
                "repair the history (flyway repair) after fixing the database by hand, then migrate again")));
        return out;
    }
}
