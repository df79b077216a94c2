package dev.preflight.job.migrate;

import dev.preflight.config.ProjectConfig;
import dev.preflight.db.Catalog;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus.DatabaseState;
import dev.preflight.report.MigrationStatus.State;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * Flyway driven through its API (Boot 4 no longer auto-configures it from flyway-core alone):
 * state before and after, migrate, and failures turned into a message naming file, line and the
 * database's error.
 */
public final class FlywayMigration implements MigrationEngine {

    private final DataSource dataSource;
    private final MigrationFiles files;
    private final ProjectConfig config;

    public FlywayMigration(DataSource dataSource, MigrationFiles files, ProjectConfig config) {
        this.dataSource = dataSource;
        this.files = files;
        this.config = config;
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("filesystem:" + files.folder())
                .placeholders(config.placeholders())
                .schemas(config.schema())
                .table(config.historyTable())
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .loggers("slf4j")
                .load();
    }

    /** The outcome of a migrate call: versions applied, and the error when one failed. */
    public record Result(List<String> applied, String error, String failedFile, Integer failedLine) {
    }

    public Result migrate() {
        try {
            MigrateResult r = flyway().migrate();
            return new Result(r.migrations.stream().map(m -> m.version).toList(), null, null, null);
        } catch (FlywayException e) {
            return failure(e);
        }
    }

    private Result failure(FlywayException e) {
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
        List<String> applied = appliedVersionsNow();
        if (script != null) {
            String file = script.getResource() != null ? script.getResource().getFilename() : "?";
            String dbMessage = sql != null ? sql.getMessage().lines().findFirst().orElse("") + " (SQLSTATE " + sql.getSQLState() + ")" : script.getMessage();
            String msg = "migration " + file + " failed at line " + script.getLineNumber() + ": " + dbMessage
                    + ". The failed migration was rolled back; the database stays at version " + currentVersionOrNone() + ".";
            return new Result(applied, msg, file, script.getLineNumber());
        }
        return new Result(applied, "Flyway: " + e.getMessage().lines().findFirst().orElse(e.toString()), null, null);
    }

    private List<String> appliedVersionsNow() {
        try {
            List<String> out = new ArrayList<>();
            for (MigrationInfo i : flyway().info().all()) {
                if (i.getState() == MigrationState.SUCCESS && i.getVersion() != null) {
                    out.add(i.getVersion().getVersion());
                }
            }
            return out;
        } catch (FlywayException e) {
            return List.of();
        }
    }

    private String currentVersionOrNone() {
        try {
            MigrationInfo current = flyway().info().current();
            return current == null || current.getVersion() == null ? "none (never migrated)" : current.getVersion().getVersion();
        } catch (FlywayException e) {
            return "unknown";
        }
    }

    /** What the history table and the catalog say now; decides never-migrated vs up to date. */
    public DatabaseState state() throws SQLException {
        int tables;
        boolean history;
        try (Connection c = dataSource.getConnection()) {
            Catalog catalog = new Catalog(c, config.historyTable());
            tables = catalog.applicationTableCount();
            history = catalog.tableExists(config.schema(), config.historyTable());
        }
        MigrationInfoService info = flyway().info(); // one read of the history table for counts and current version
        MigrationInfo[] all = info.all();
        int applied = 0;
        int pending = 0;
        int failed = 0;
        for (MigrationInfo i : all) {
            if (i.getState().isFailed()) {
                failed++;
            } else if (i.getState() == MigrationState.PENDING) {
                pending++;
            } else if (i.getState().isApplied()) {
                applied++;
            }
        }
        MigrationInfo current = history ? info.current() : null;
        String version = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
        State state;
        if (failed > 0) {
            state = State.FAILED;
        } else if (!history) {
            state = tables == 0 ? State.NEVER_MIGRATED : State.UNMANAGED;
        } else if (pending > 0) {
            state = State.PENDING;
        } else {
            state = State.UP_TO_DATE;
        }
        return new DatabaseState(state, version, applied, pending, failed, tables, history);
    }

    /** Every migration known to the files or the history table, with lines from disk. */
    public List<MigrationEntry> entries(Set<String> appliedInThisRun) {
        List<MigrationEntry> out = new ArrayList<>();
        DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
        for (MigrationInfo i : flyway().info().all()) {
            String version = i.getVersion() == null ? null : i.getVersion().getVersion();
            MigrationFiles.MigrationFile file = i.getScript() == null ? null : files.byName(i.getScript());
            out.add(new MigrationEntry(version, i.getDescription(), i.getScript(), file == null ? null : file.lines(),
                    i.getResolvedChecksum(), i.getAppliedChecksum(), i.getState().name(),
                    i.getInstalledOn() == null ? null : iso.format(i.getInstalledOn().toInstant().atOffset(ZoneOffset.UTC)),
                    i.getExecutionTime(), version != null && appliedInThisRun.contains(version)));
        }
        return out;
    }
}
