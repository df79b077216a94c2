package dev.preflight.migration;

import dev.preflight.kernel.ShutdownGate;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * Words a failed Flyway migrate the way Preflight reports every failure: the file and line, the
 * database's message and SQLSTATE, the sessions that blocked it on a lock or statement timeout, and
 * the version the database stays at (earlier migrations stay applied: each ran in its own transaction).
 */
final class FlywayFailure {

    private FlywayFailure() {
    }

    /** The failed migrate as a Result: the versions still applied, and the file, line and database message of the failure. */
    static FlywayMigration.Result describe(FlywayException e, TimeoutDataSource timed, Flyway flyway) {
        FlywaySqlScriptException script = null;
        SQLException sql = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FlywaySqlScriptException s && script == null) {
                script = s;
            }
            if (t instanceof SQLException s && sql == null) {
                sql = s;
            }
        }
        // Flyway applies each PostgreSQL migration in its own transaction, so earlier ones stay applied.
        List<String> applied = appliedVersionsNow(flyway);
        String blocked = "";
        if (sql != null && ("55P03".equals(sql.getSQLState()) || "57014".equals(sql.getSQLState()))) {
            List<BlockingSession> blockers = timed.blockers();
            blocked = blockers.isEmpty() || ShutdownGate.signalled() ? ShutdownGate.cancelledBecause()
                    : "; blocked by " + blockers.stream().map(BlockingSession::describe).collect(Collectors.joining("; "));
        }
        if (script != null) {
            String file = script.getResource() != null ? script.getResource().getFilename() : "?";
            String dbMessage = sql != null ? sql.getMessage().lines().findFirst().orElse("") + " (SQLSTATE " + sql.getSQLState() + ")" : script.getMessage();
            if (file == null || file.isBlank()) {
                // Flyway's own script, not a project file: the history table it creates before the first migration
                return new FlywayMigration.Result(applied, "Flyway could not create its schema history table "
                        + flyway.getConfiguration().getTable() + ": " + dbMessage + blocked + ". Nothing was applied; the database stays at version "
                        + currentVersionOrNone(flyway) + ".", null, null);
            }
            String msg = "migration " + file + " failed at line " + script.getLineNumber() + ": " + dbMessage + blocked
                    + ". The failed migration was rolled back; the database stays at version " + currentVersionOrNone(flyway) + ".";
            return new FlywayMigration.Result(applied, msg, file, script.getLineNumber());
        }
        if (e instanceof FlywayValidateException) {
            // Flyway's own lines name each problem; its advice (repair, ignoreMigrationPatterns) is not what Preflight does
            String problems = e.getMessage() == null ? "" : e.getMessage().lines().skip(1).map(String::strip)
                    .filter(l -> l.startsWith("Detected") || l.startsWith("Migration checksum mismatch") || l.startsWith("Migration type mismatch")
                            || l.startsWith("Migration description mismatch"))
                    .map(l -> l.replaceAll("\\.$", "")).collect(Collectors.joining("; "));
            return new FlywayMigration.Result(applied, "Flyway's validation refused to migrate, nothing was applied"
                    + (problems.isEmpty() ? "" : ": " + problems), null, null);
        }
        String first = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
        Matcher offending = OFFENDING_LINE.matcher(first);
        if (offending.find()) {
            // Flyway's mixed-transaction refusal names a line but not the file: it is the first migration still pending.
            String file = firstPendingScript(flyway);
            int line = Integer.parseInt(offending.group(1));
            return new FlywayMigration.Result(applied, "migration " + file + " failed at line " + line + ": Flyway refuses to run it: " + first, file, line);
        }
        return new FlywayMigration.Result(applied, "Flyway: " + first + blocked, null, null);
    }

    private static final Pattern OFFENDING_LINE = Pattern.compile("Offending statement found at line (\\d+)");

    private static String firstPendingScript(Flyway flyway) {
        try {
            MigrationInfo[] pending = flyway.info().pending();
            return pending.length == 0 ? "?" : pending[0].getScript();
        } catch (FlywayException e) {
            return "?";
        }
    }

    static List<String> appliedVersionsNow(Flyway flyway) {
        try {
            List<String> out = new ArrayList<>();
            for (MigrationInfo i : flyway.info().all()) {
                if (i.getState() == MigrationState.SUCCESS && i.getVersion() != null) {
                    out.add(i.getVersion().getVersion());
                }
            }
            return out;
        } catch (FlywayException e) {
            return List.of();
        }
    }

    static String currentVersionOrNone(Flyway flyway) {
        try {
            MigrationInfo current = flyway.info().current();
            return current == null || current.getVersion() == null ? "none (never migrated)" : current.getVersion().getVersion();
        } catch (FlywayException e) {
            return "unknown";
        }
    }
}
