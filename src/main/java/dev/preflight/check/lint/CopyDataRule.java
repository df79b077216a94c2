package dev.preflight.check.lint;

import dev.preflight.report.Severity;
import java.util.List;

/**
 * LINT023: a {@code COPY ... FROM stdin} whose rows follow it in the file (pg_dump's plain format), in a project
 * whose migration tool cannot run it. psql and Flyway read the data lines up to {@code \.} and send them through the
 * copy protocol, and so does Preflight's migrate; every other tool sends the file to PostgreSQL as SQL text, which
 * fails on the first data line, so a lint or migrate that passes here would not predict the tool's deploy.
 */
public final class CopyDataRule implements LintRule {

    @Override
    public String id() {
        return "LINT023";
    }

    @Override
    public String title() {
        return "COPY FROM stdin with inline rows that the migration tool cannot run";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        if (c.statement().copyData() == null || c.copyDataRefusal() == null) {
            return List.of();
        }
        long rows = c.statement().copyData().lines().count();
        return hit("'" + c.statement().summary(60) + "' carries " + rows + " data line(s) after it (from line " + (c.statement().line() + 1)
                        + "), and " + c.copyDataRefusal() + ": the deploy fails on this file (Preflight's own migrate feeds the rows"
                        + " through the copy protocol, as psql and Flyway do)",
                "write the rows as INSERT statements (pg_dump --inserts or --column-inserts writes them), or load them with Preflight's"
                        + " seed job (jobs/seed) instead of a migration");
    }
}
