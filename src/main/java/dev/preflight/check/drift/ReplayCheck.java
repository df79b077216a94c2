package dev.preflight.check.drift;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * DRIFT010: the migrations replay on an empty shadow database. Drift is measured against that
 * replay; when it fails (the role lacks CREATEDB, or the migrations only work on top of a
 * hand-made state) nothing can be compared and a fresh environment could not be built either.
 */
public final class ReplayCheck implements Check {

    private final String error;

    public ReplayCheck(String error) {
        this.error = error;
    }

    @Override
    public String id() {
        return "DRIFT010";
    }

    @Override
    public String title() {
        return "Migrations replay on an empty shadow database";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> run(CheckContext context) {
        if (error == null) {
            return List.of();
        }
        return List.of(finding("migrations", error, "the migrations build the schema from an empty database", "replay failed",
                error.contains("CREATEDB") ? "grant the role CREATEDB (ALTER ROLE ... CREATEDB) or run verify where it has it"
                        : error.contains("verify.shadowRoles") ? "declare the role in jobs/preflight.yaml under verify.shadowRoles"
                        : error.contains("--shadow-same-cluster") ? "replay elsewhere: another --shadow-url, or none for an isolated cluster"
                        : "fix the migration named above so the migrations build the schema from scratch"));
    }
}
