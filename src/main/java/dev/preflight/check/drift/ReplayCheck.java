package dev.preflight.check.drift;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DRIFT010: the migrations replay on an empty shadow database. Drift is measured against that
 * replay; when it fails (the role lacks CREATEDB, or the migrations only work on top of a
 * hand-made state) nothing can be compared and a fresh environment could not be built either.
 */
public final class ReplayCheck implements Check {

    private static final Pattern LOCATION = Pattern.compile("migration (\\S+\\.sql) failed at line (\\d+)");

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
        String error = context.fact(ShadowReplay.class).error();
        if (error == null) {
            return List.of();
        }
        Finding f = finding("migrations", error, "the migrations build the schema from an empty database", "replay failed",
                error.contains("CREATEDB") ? "grant the role CREATEDB (ALTER ROLE ... CREATEDB) or run verify where it has it"
                        : error.contains("verify.shadowRoles") ? "declare the role in jobs/preflight.yaml under verify.shadowRoles"
                        : error.contains("--shadow-same-cluster") ? "replay elsewhere: another --shadow-url, or none for an isolated cluster"
                        : "fix the migration named above so the migrations build the schema from scratch");
        // The replay's error names the file and line as migrate's does ("migration V6__x.sql failed at line 5"): point the finding there.
        Matcher m = LOCATION.matcher(error);
        if (m.find() && context.migrations() != null && context.project() != null) {
            f = f.at(context.project().relative(context.migrations().folder().resolve(m.group(1))), Integer.valueOf(m.group(2)));
        }
        return List.of(f);
    }
}
