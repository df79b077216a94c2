package dev.preflight.migration;

import dev.preflight.config.MigrationTimeouts;
import dev.preflight.config.ProjectConfig;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus.DatabaseState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
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
        // Set on Flyway's PostgreSQL extension itself: the same setting through configuration(Map) ran Flyway's whole
        // properties conversion (a Jackson mapper) at every configure, 40-45 ms of each command's end-of-run.
        // A configuration of Flyway's classic kind rather than the fluent one: it takes a plugin register, and this one
        // copies itself without Flyway's JSON round trip (FieldCopyPluginRegister), which each new Flyway makes.
        var configure = new ClassicConfiguration();
        configure.setPluginRegister(new FieldCopyPluginRegister());
        configure.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        configure.setDataSource(source);
        configure.setLocationsAsStrings("filesystem:" + files.folder());
        configure.setPlaceholders(config.placeholders());
        configure.setSchemas(new String[] {config.schema()});
        configure.setTable(config.historyTable());
        configure.setCleanDisabled(true);
        configure.setValidateMigrationNaming(true);
        configure.setLoggers("slf4j");
        if (target != null) {
            configure.setTarget(target);
        }
        return new Flyway(configure);
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
    @Override
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
                    return new Result(FlywayFailure.appliedVersionsNow(flyway()), "stopped after version " + FlywayFailure.currentVersionOrNone(flyway()), null, null);
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
                    return new Result(FlywayFailure.appliedVersionsNow(flyway()), o.error(), next.script(), o.line());
                }
                applied.add(next.version());
            }
        } catch (FlywayException e) {
            return FlywayFailure.describe(e, timed, flyway());
        } catch (FlywayPlaceholders.MissingPlaceholderException e) {
            return new Result(FlywayFailure.appliedVersionsNow(flyway()), e.getMessage(), e.file, e.line);
        } catch (SQLException e) {
            return new Result(FlywayFailure.appliedVersionsNow(flyway()), "migrate: " + e.getMessage().lines().findFirst().orElse("") + " (SQLSTATE " + e.getSQLState() + ")",
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

    /** What the history table and the catalog say now; decides never-migrated vs up to date. */
    @Override
    public DatabaseState state() throws SQLException {
        return FlywayState.state(FlywayState.tables(dataSource, config), flyway().info());
    }

    /** One Flyway info (a scan of the files with their checksums and a read of the history) for both. */
    @Override
    public Measured measure(Set<String> appliedInThisRun) throws SQLException {
        FlywayState.Tables tables = FlywayState.tables(dataSource, config);
        MigrationInfoService info = flyway().info();
        return new Measured(FlywayState.state(tables, info), FlywayState.entries(info.all(), files, appliedInThisRun));
    }

    /** Every migration known to the files or the history table, with lines from disk. */
    @Override
    public List<MigrationEntry> entries(Set<String> appliedInThisRun) {
        return FlywayState.entries(flyway().info().all(), files, appliedInThisRun);
    }
}
