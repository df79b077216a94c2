package dev.preflight.check.migration;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.SourceProblem;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * MIG006: every migration file is one the native tool will apply. A SQL file the tool skips (not
 * in Drizzle's journal, a Prisma folder without migration.sql) looks committed but never runs, so
 * the schema silently lacks it; Preflight reports it rather than applying it behind the tool's back. So
 * is a migration the tool ignores on this database (a Drizzle entry older than the newest applied one).
 */
public final class LayoutFilesCheck implements Check {

    @Override
    public String id() {
        return "MIG006";
    }

    @Override
    public String title() {
        return "Every migration file is applied by the project's migration tool";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        List<Finding> out = new ArrayList<>();
        if (ctx.migrations() == null || !ctx.migrations().present()) {
            return out;
        }
        MigrationSource source = ctx.migrations().source();
        List<SourceProblem> problems = new ArrayList<>(source.problems());
        // only a layout that ignores migrations has IGNORED entries: the others' runs read no history here
        if (ctx.connection() != null && ctx.migrationEntries().stream().anyMatch(e -> e.state().equals("IGNORED"))) {
            problems.addAll(source.ignored(source.history(ctx.connection())).values());
        }
        for (SourceProblem p : problems) {
            out.add(finding(p.file(), p.message(), "applied by " + ctx.migrations().layout(), "skipped", p.remedy()).at(p.file(), null));
        }
        return out;
    }
}
