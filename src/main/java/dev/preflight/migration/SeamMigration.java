package dev.preflight.migration;

import dev.preflight.config.ProjectConfig;
import dev.preflight.db.Catalog;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus.DatabaseState;
import dev.preflight.report.MigrationStatus.State;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a non-Flyway layout's migrations through the seam: each pending migration, in the
 * native order, by the {@link MigrationExecutor} (transactional statements together, each
 * non-transactional one alone), with the native history row written in its last transaction so
 * that the native tool agrees afterwards.
 */
public final class SeamMigration implements MigrationEngine {

    private static final Logger log = LoggerFactory.getLogger(SeamMigration.class);
    /** A migration waits this long for a lock before failing, rather than queueing every other session behind it. */
    public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final MigrationSource source;
    private final ProjectConfig config;

    public SeamMigration(DataSource dataSource, MigrationSource source, ProjectConfig config) {
        this.dataSource = dataSource;
        this.source = source;
        this.config = config;
    }

    private List<MigrationStateClassifier.Classified> classify(Connection c) throws SQLException {
        return MigrationStateClassifier.classify(source, c);
    }

    @Override
    public DatabaseState state() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int tables = new Catalog(c, config.historyTable()).applicationTableCount();
            boolean history = source.historyExists(c);
            var all = classify(c);
            int applied = (int) all.stream().filter(x -> x.state().equals("SUCCESS")).count();
            int pending = (int) all.stream().filter(x -> x.state().equals("PENDING")).count();
            int failed = (int) all.stream().filter(x -> x.state().contains("FAILED")).count();
            String current = all.stream().filter(x -> x.state().equals("SUCCESS")).map(x -> x.migration().id())
                    .reduce((a, b) -> b).orElse(null);
            // the same decision as Flyway's layout: one place, so its tests cover every layout
            State state = MigrationStateClassifier.classify(history, tables, pending, failed);
            return new DatabaseState(state, current, applied, pending, failed, tables, history);
        }
    }

    @Override
    public List<MigrationEntry> entries(Set<String> appliedInThisRun) {
        try (Connection c = dataSource.getConnection()) {
            List<MigrationEntry> out = new ArrayList<>();
            for (var x : classify(c)) {
                Migration m = x.migration();
                AppliedMigration a = x.applied();
                String id = m != null ? m.id() : a.id();
                String recorded = a == null ? null : a.checksum();
                // a checksum the native tool accepts (Prisma: other line endings) is shown as recorded, so MIG004 stays quiet
                String local = m == null ? null : x.checksumMatches() && recorded != null ? recorded : m.checksum();
                out.add(new MigrationEntry(id, m != null ? m.description() : a.description(), m == null ? null : name(m),
                        m == null ? null : (int) dev.preflight.migration.MigrationText.text(m.file()).lines().count(), local, recorded, x.state(),
                        a == null || a.appliedOn() == null ? null : DateTimeFormatter.ISO_INSTANT.format(a.appliedOn()),
                        a == null || a.executionMillis() == null ? null : (int) Math.min(Integer.MAX_VALUE, a.executionMillis()),
                        appliedInThisRun.contains(id)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("db: reading " + source.historyTable() + ": " + e.getMessage(), e);
        }
    }

    private String name(Migration m) {
        return source.folder().relativize(m.file()).toString();
    }

    @Override
    public FlywayMigration.Result migrate() {
        List<String> applied = new ArrayList<>(); // every applied migration: what a failure reports, as Flyway's result does
        List<String> thisRun = new ArrayList<>(); // what a success reports
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            source.createHistoryTable(c);
            var all = classify(c);
            for (var x : all) {
                if (x.state().equals("SUCCESS")) {
                    applied.add(x.migration().id());
                }
            }
            var failed = all.stream().filter(x -> x.state().equals("FAILED")).findFirst();
            if (failed.isPresent()) {
                Migration m = failed.get().migration();
                String repair = source.failedRemedy(m.id());
                return new FlywayMigration.Result(applied, "migration " + name(m) + " is recorded as failed in " + source.historyTable()
                        + ": " + source.layout() + " and Preflight refuse to apply anything after it until the failed attempt is resolved"
                        + (repair == null ? "" : ". Repair: " + repair), name(m), null);
            }
            // the project's migrations.lockTimeout and statementTimeout, and the blocker named, as in the Flyway layout
            MigrationExecutor executor = new MigrationExecutor(config.timeouts().lockTimeout(), config.timeouts().statementTimeout())
                    .watching(dataSource);
            for (var x : all) {
                if (!x.state().equals("PENDING")) {
                    continue;
                }
                Migration m = x.migration();
                Instant started = Instant.now();
                long t0 = System.nanoTime();
                log.info("migrate: applying {} ({} statement(s))", name(m), m.statements().size());
                source.recordStarted(c, m, started);
                // a migration with statements that commit alone records each as it commits, so a re-run after a failure
                // or a kill resumes after them instead of failing on what they created (as the Flyway layout does)
                boolean resumable = m.statements().stream().anyMatch(st -> st.mode() != SqlStatement.Mode.TRANSACTIONAL);
                MigrationProgress progress = new MigrationProgress(source.historyTable(), m.id());
                List<MigrationProgress.Done> done = List.of();
                if (resumable) {
                    MigrationProgress.ensureTable(c);
                    done = progress.read(c);
                    MigrationProgress.Changed changed = progress.changedSince(name(m), m.statements(), done);
                    if (changed != null) {
                        return new FlywayMigration.Result(applied, changed.message(), name(m), changed.line());
                    }
                }
                int skip = done.isEmpty() ? 0 : done.get(done.size() - 1).index() + 1;
                if (skip > 0) {
                    log.info("migrate: {} resumes after line {}: the statements before took effect in an earlier run", name(m),
                            done.get(done.size() - 1).line());
                }
                MigrationExecutor.Result r = executor.apply(c, m.statements().subList(skip, m.statements().size()), conn -> {
                    if (resumable) {
                        progress.clear(conn);
                    }
                    source.recordApplied(conn, m, started, (System.nanoTime() - t0) / 1_000_000);
                }, !resumable ? null : (conn, statements) -> {
                    for (SqlStatement st : statements) {
                        progress.record(conn, m.statements().indexOf(st), st);
                    }
                });
                if (!r.success()) {
                    String db = r.error().getMessage().lines().findFirst().orElse("") + " (SQLSTATE " + r.error().getSQLState() + ")"
                            + FailureDescription.blockedBy(r);
                    int line = r.failed() == null ? 0 : r.failed().line();
                    boolean tookEffect = r.partial() || !done.isEmpty();
                    String msg = "migration " + name(m) + " failed at line " + line + ": " + db + ". "
                            + (tookEffect ? (r.committed().size() + done.size()) + " statement(s) before it took effect and stay "
                            + "(non-transactional statements commit alone; a re-run resumes after them, recorded in "
                            + MigrationProgress.TABLE + "); " : "The failed migration was rolled back; ")
                            + "the database stays at " + (applied.isEmpty() ? "none (never migrated)" : applied.get(applied.size() - 1)) + ". "
                            + FailureDescription.leftBehind(r);
                    msg = msg.stripTrailing();
                    try {
                        source.recordFailed(c, m, started, msg);
                    } catch (SQLException e) {
                        msg += " Recording the failure in " + source.historyTable() + " failed too: " + e.getMessage() + ".";
                    }
                    String repair = source.failedRemedy(m.id()); // golang-migrate refuses to go on until forced: say so now
                    if (repair != null) {
                        msg += " Repair: " + repair;
                    }
                    return new FlywayMigration.Result(applied, msg, name(m), line);
                }
                applied.add(m.id());
                thisRun.add(m.id());
            }
            return new FlywayMigration.Result(thisRun, null, null, null);
        } catch (SQLException e) {
            return new FlywayMigration.Result(applied, "db: migrating with " + source.layout() + " history " + source.historyTable()
                    + ": " + e.getMessage(), null, null);
        }
    }
}
