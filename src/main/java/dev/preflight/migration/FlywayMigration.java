package dev.preflight.migration;

import dev.preflight.config.ProjectConfig;
import dev.preflight.db.Catalog;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus.DatabaseState;
import dev.preflight.report.MigrationStatus.State;
import dev.preflight.config.MigrationTimeouts;
import dev.preflight.migration.BlockingSession;
import dev.preflight.migration.Deadline;
import dev.preflight.migration.SqlSplitter;
import dev.preflight.migration.SqlStatement;
import dev.preflight.migration.TimeoutDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway driven through its API (Boot 4 no longer auto-configures it from flyway-core alone):
 * state before and after, migrate, and failures turned into a message naming file, line and the
 * database's error.
 */
public final class FlywayMigration implements MigrationEngine {

    private static final Logger log = LoggerFactory.getLogger(FlywayMigration.class);

    private final DataSource dataSource;
    private final MigrationFiles files;
    private final ProjectConfig config;

    public FlywayMigration(DataSource dataSource, MigrationFiles files, ProjectConfig config) {
        this.dataSource = dataSource;
        this.files = files;
        this.config = config;
    }

    /** Flyway's PostgreSQL setting: hold its migration lock in a transaction (the default) or at session level. */
    static final String TRANSACTIONAL_LOCK = "flyway.postgresql.transactional.lock";

    /** Configured once: Flyway's configuration load costs more than the history read each call makes. */
    private Flyway flyway;

    private Flyway flyway() {
        if (flyway == null) {
            flyway = flyway(dataSource, null);
        }
        return flyway;
    }

    private Flyway flyway(DataSource source, MigrationVersion target) {
        // A transactional lock keeps Flyway's lock session "idle in transaction" for the whole migrate, and
        // CREATE INDEX CONCURRENTLY waits for every open transaction: with the lock held at session level
        // (pg_try_advisory_lock), no Preflight session is in a transaction while a concurrent build waits.
        var configure = Flyway.configure()
                .configuration(Map.of(TRANSACTIONAL_LOCK, "false"))
                .dataSource(source)
                .locations("filesystem:" + files.folder())
                .placeholders(config.placeholders())
                .schemas(config.schema())
                .table(config.historyTable())
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .loggers("slf4j");
        if (target != null) {
            configure = configure.target(target);
        }
        return configure.load();
    }

    /** The outcome of a migrate call: versions applied, and the error when one failed. */
    public record Result(List<String> applied, String error, String failedFile, Integer failedLine) {
    }

    /**
     * Applies the pending migrations in version order under {@code lock_timeout} and
     * {@code statement_timeout}: Flyway applies the transactional ones (each in its transaction);
     * a migration with statements PostgreSQL refuses inside a transaction is applied by Preflight
     * statement by statement ({@link NonTransactionalMigration}), with Flyway's history row.
     */
    public Result migrate() {
        return migrate(null);
    }

    /**
     * {@link #migrate()} bounded as a whole by {@code limit} (verify's replay passes
     * {@code migrations.replayTimeout}): when it passes, the running statement is cancelled and the
     * result says where the run stopped. Null or zero: no bound beyond the statement timeouts.
     */
    public Result migrate(Duration limit) {
        MigrationTimeouts timeouts = config.timeouts();
        try (TimeoutDataSource timed = new TimeoutDataSource(dataSource, timeouts.lockTimeout(), timeouts.statementTimeout());
             Deadline deadline = Deadline.start(limit, timed, dataSource)) {
            Result r = migrate(timed, timeouts, deadline);
            if (deadline.passed() && r.error() != null) {
                return new Result(r.applied(), "the migrations did not finish within " + limit.toSeconds() + " s (migrations.replayTimeout): "
                        + r.error(), r.failedFile(), r.failedLine());
            }
            return r;
        }
    }

    private Result migrate(TimeoutDataSource timed, MigrationTimeouts timeouts, Deadline deadline) {
        List<String> applied = new ArrayList<>();
        try {
            while (true) {
                if (deadline.passed()) {
                    return new Result(appliedVersionsNow(), "stopped after version " + currentVersionOrNone(), null, null);
                }
                MigrationInfo previous = null;
                NonTransactionalMigration.Pending next = null;
                for (MigrationInfo i : flyway(timed, null).info().pending()) {
                    next = nonTransactional(timed, i);
                    if (next != null) {
                        break;
                    }
                    if (i.getVersion() != null) {
                        previous = i;
                    }
                }
                if (next == null) {
                    MigrateResult r = flyway(timed, null).migrate();
                    r.migrations.forEach(m -> applied.add(m.version));
                    return new Result(applied, null, null, null);
                }
                if (previous != null) {
                    MigrateResult r = flyway(timed, previous.getVersion()).migrate();
                    r.migrations.forEach(m -> applied.add(m.version));
                }
                try (Connection c = timed.getConnection()) {
                    NonTransactionalMigration.ensureHistoryTable(c, config.schema(), config.historyTable());
                }
                log.info("migrate: {} holds statements that cannot run in a transaction: Preflight applies it statement by statement",
                        next.script());
                NonTransactionalMigration.Outcome o = new NonTransactionalMigration(timed, dataSource, config.schema(), config.historyTable(), timeouts)
                        .apply(next);
                if (o.error() != null) {
                    return new Result(appliedVersionsNow(), o.error(), next.script(), o.line());
                }
                applied.add(next.version());
            }
        } catch (FlywayException e) {
            return failure(e, timed);
        } catch (FlywayPlaceholders.MissingPlaceholderException e) {
            return new Result(appliedVersionsNow(), e.getMessage(), e.file, e.line);
        } catch (SQLException e) {
            return new Result(appliedVersionsNow(), "migrate: " + e.getMessage().lines().findFirst().orElse("") + " (SQLSTATE " + e.getSQLState() + ")",
                    null, null);
        }
    }

    /** The pending versioned SQL migration with its resolved statements when some cannot run in a transaction; else null. */
    private NonTransactionalMigration.Pending nonTransactional(DataSource source, MigrationInfo i) throws SQLException {
        if (i.getVersion() == null || !"SQL".equals(i.getType().name()) || i.getPhysicalLocation() == null) {
            return null;
        }
        String raw;
        try {
            raw = Files.readString(Path.of(i.getPhysicalLocation()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null; // Flyway reads it again and reports what is wrong
        }
        if (raw.startsWith("\uFEFF")) {
            raw = raw.substring(1);
        }
        if (SqlSplitter.split(raw).stream().noneMatch(st -> st.mode() == SqlStatement.Mode.NON_TRANSACTIONAL)) {
            return null;
        }
        String user;
        String database;
        try (Connection c = source.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user, current_database()")) {
            rs.next();
            user = rs.getString(1);
            database = rs.getString(2);
        }
        String resolved = new FlywayPlaceholders(config.placeholders(), config.schema(), config.historyTable(), user, database)
                .replace(raw, i.getScript());
        List<SqlStatement> statements = SqlSplitter.split(resolved);
        return new NonTransactionalMigration.Pending(i.getVersion().getVersion(), i.getDescription(), i.getScript(), i.getResolvedChecksum(), statements);
    }

    private Result failure(FlywayException e, TimeoutDataSource timed) {
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
        String blocked = "";
        if (sql != null && ("55P03".equals(sql.getSQLState()) || "57014".equals(sql.getSQLState()))) {
            List<BlockingSession> blockers = timed.blockers();
            blocked = blockers.isEmpty() ? "; no blocking session was seen (the statement itself ran out of time)"
                    : "; blocked by " + blockers.stream().map(BlockingSession::describe).collect(Collectors.joining("; "));
        }
        if (script != null) {
            String file = script.getResource() != null ? script.getResource().getFilename() : "?";
            String dbMessage = sql != null ? sql.getMessage().lines().findFirst().orElse("") + " (SQLSTATE " + sql.getSQLState() + ")" : script.getMessage();
            String msg = "migration " + file + " failed at line " + script.getLineNumber() + ": " + dbMessage + blocked
                    + ". The failed migration was rolled back; the database stays at version " + currentVersionOrNone() + ".";
            return new Result(applied, msg, file, script.getLineNumber());
        }
        String first = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
        Matcher offending = OFFENDING_LINE.matcher(first);
        if (offending.find()) {
            // Flyway's mixed-transaction refusal names a line but not the file: it is the first migration still pending.
            String file = firstPendingScript();
            int line = Integer.parseInt(offending.group(1));
            return new Result(applied, "migration " + file + " failed at line " + line + ": Flyway refuses to run it: " + first, file, line);
        }
        return new Result(applied, "Flyway: " + first + blocked, null, null);
    }

    private static final Pattern OFFENDING_LINE = Pattern.compile("Offending statement found at line (\\d+)");

    private String firstPendingScript() {
        try {
            MigrationInfo[] pending = flyway().info().pending();
            return pending.length == 0 ? "?" : pending[0].getScript();
        } catch (FlywayException e) {
            return "?";
        }
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
        Tables tables = tables();
        return state(tables, flyway().info());
    }

    /** One Flyway info (a scan of the files with their checksums and a read of the history) for both. */
    @Override
    public Measured measure(Set<String> appliedInThisRun) throws SQLException {
        Tables tables = tables();
        MigrationInfoService info = flyway().info();
        return new Measured(state(tables, info), entries(info.all(), appliedInThisRun));
    }

    /** What the catalog says: application tables, and whether the history table exists. */
    private record Tables(int count, boolean history) {
    }

    private Tables tables() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Catalog catalog = new Catalog(c, config.historyTable());
            return new Tables(catalog.applicationTableCount(), catalog.tableExists(config.schema(), config.historyTable()));
        }
    }

    /** @param info one read of the history table for counts and current version */
    private static DatabaseState state(Tables catalog, MigrationInfoService info) {
        int tables = catalog.count();
        boolean history = catalog.history();
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
        State state = MigrationStateClassifier.classify(history, tables, pending, failed);
        return new DatabaseState(state, version, applied, pending, failed, tables, history);
    }

    /** Every migration known to the files or the history table, with lines from disk. */
    public List<MigrationEntry> entries(Set<String> appliedInThisRun) {
        return entries(flyway().info().all(), appliedInThisRun);
    }

    private List<MigrationEntry> entries(MigrationInfo[] all, Set<String> appliedInThisRun) {
        List<MigrationEntry> out = new ArrayList<>();
        DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
        for (MigrationInfo i : all) {
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
