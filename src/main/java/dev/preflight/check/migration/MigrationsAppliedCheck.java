package dev.preflight.check.migration;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MIG002: every migration applied without error. A failed migration (in this run or recorded in
 * the history) means the schema is not what the code expects; fix the file and migrate again.
 */
public final class MigrationsAppliedCheck implements Check {

    /** FlywayMigration's failure message names the file and the line: "migration V6__x.sql failed at line 5: ...". */
    private static final Pattern LOCATION = Pattern.compile("migration (\\S+\\.sql) failed at line (\\d+)");

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
            // A partial application carries its exact repair ("Repair: DROP INDEX CONCURRENTLY ..."): that is the remedy.
            int repair = ctx.migrationError().indexOf("Repair: ");
            Finding f = finding("migrations", ctx.migrationError(), "applied", "failed", repair >= 0 ? ctx.migrationError().substring(repair + 8)
                    : remedyFor(ctx.migrationError()));
            Matcher m = LOCATION.matcher(ctx.migrationError());
            if (m.find() && ctx.migrations() != null && ctx.migrations().present()) {
                f = f.at(ctx.project().relative(ctx.migrations().folder().resolve(m.group(1))), Integer.valueOf(m.group(2)));
            }
            out.add(f);
        }
        ctx.migrationEntries().stream().filter(e -> e.state().contains("FAILED")).forEach(e -> {
            String nativeRemedy = ctx.migrations() != null && ctx.migrations().present() ? ctx.migrations().source().failedRemedy(e.version()) : null;
            out.add(finding("migration " + e.version(), "the schema history records migration " + e.file() + " as failed", "SUCCESS", e.state(),
                    nativeRemedy != null ? nativeRemedy : "undo what the failed attempt left behind, delete its failed row from the history table "
                            + "(or, for Prisma, set its rolled_back_at), then run ./preflight migrate"));
        });
        return out;
    }

    private static final java.util.regex.Pattern SCHEMA_DENIED = java.util.regex.Pattern.compile("permission denied for schema (\\S+)");
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("No value provided for placeholder: \\$\\{([^}]+)}");

    /** The remedy for a failure that names no repair: what the error says is wrong, where it says it. */
    static String remedyFor(String error) {
        Matcher placeholder = PLACEHOLDER.matcher(error);
        if (placeholder.find()) {
            return "give the placeholder a value: migrations.placeholders." + placeholder.group(1) + " in jobs/preflight.yaml";
        }
        if (error.contains("stopped on a signal")) {
            return "run migrate again: what the signal cancelled was rolled back, and the migrations before it stay applied";
        }
        if (error.startsWith("Flyway's validation refused to migrate")) {
            return "resolve the migration history's findings first (MIG004: an applied file edited or missing; MIG003: a file older than "
                    + "the applied version), each with its remedy, then run migrate again";
        }
        if (error.contains("advisory lock")) {
            return "another session holds Flyway's lock: a migrate still running, or a killed one's statement; find it in "
                    + "pg_stat_activity, let it finish or end it with pg_terminate_backend(pid), then run migrate again";
        }
        Matcher schema = SCHEMA_DENIED.matcher(error);
        if (schema.find()) {
            return "grant the connecting role USAGE and CREATE on schema " + schema.group(1) + " (GRANT USAGE, CREATE ON SCHEMA "
                    + schema.group(1) + " TO <role>: since PostgreSQL 15 only the database owner may create in schema public), or run "
                    + "migrate as the schema's owner, then run migrate again";
        }
        if (error.contains("SQLSTATE 42501") || error.contains("permission denied") || error.contains("must be owner")) {
            return "grant the connecting role what the statement needs (or run migrate as the owner of the objects it changes), "
                    + "then run migrate again";
        }
        return "fix the statement at that line (or the database state it depends on) and run migrate again";
    }
}
