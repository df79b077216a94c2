package dev.preflight.migration;

import dev.preflight.config.MigrationTimeouts;
import dev.preflight.db.Schemas;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one Flyway migration that holds statements PostgreSQL refuses inside a transaction
 * ({@code CREATE INDEX CONCURRENTLY}, ...), which Flyway would either refuse (a mixed file) or run
 * without any transaction: transactional runs each in one transaction, the others alone, under the
 * migration timeouts, then Flyway's own history row so that {@code flyway info} and
 * {@code validate} agree. A failure records no success; the statements that took effect are kept
 * in {@link MigrationProgress} and a re-run resumes after them.
 */
final class NonTransactionalMigration {

    private static final Logger log = LoggerFactory.getLogger(NonTransactionalMigration.class);

    // Flyway's own PostgreSQL advisory lock (PostgreSQLAdvisoryLockTemplate): magic number plus the hash of the
    // quoted table name, so that no Flyway elsewhere migrates this database while Preflight applies a file.
    private static final long FLYWAY_LOCK_MAGIC = 77431708279161L;

    /** The pending migration as Flyway resolved it. */
    record Pending(String version, String description, String script, Integer checksum, List<SqlStatement> statements) {
    }

    /** Null error on success; otherwise the message naming file and line, and the repair. */
    record Outcome(String error, Integer line) {
    }

    private final DataSource dataSource;
    private final DataSource watcherSource;
    private final String schema;
    private final String table;
    private final MigrationTimeouts timeouts;

    /**
     * @param dataSource the migration's connections (watched for lock waits, cancelled at a deadline)
     * @param watcherSource where the executor's watcher takes its own connection
     */
    NonTransactionalMigration(DataSource dataSource, DataSource watcherSource, String schema, String table, MigrationTimeouts timeouts) {
        this.dataSource = dataSource;
        this.watcherSource = watcherSource;
        this.schema = schema;
        this.table = table;
        this.timeouts = timeouts;
    }

    Outcome apply(Pending m) throws SQLException {
        String qualified = quote(schema) + "." + quote(table);
        MigrationProgress progress = new MigrationProgress(schema + "." + table, m.version());
        try (Connection lock = dataSource.getConnection(); Connection c = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            c.setAutoCommit(true);
            if (!flywayLock(lock, qualified)) {
                return new Outcome("migration " + m.script() + " was not applied: another Flyway holds the migration lock of " + qualified
                        + " (waited " + timeouts.lockTimeout().toSeconds() + " s); run migrate again when it has finished", null);
            }
            MigrationProgress.ensureTable(c);
            List<MigrationProgress.Done> done = progress.read(c);
            MigrationProgress.Changed changed = progress.changedSince(m.script(), m.statements(), done);
            if (changed != null) {
                return new Outcome(changed.message(), changed.line());
            }
            int skip = done.isEmpty() ? 0 : done.get(done.size() - 1).index() + 1;
            if (skip > 0) {
                log.info("migrate: {} resumes after line {}: the statements before took effect in an earlier run", m.script(),
                        done.get(done.size() - 1).line());
            }
            List<SqlStatement> rest = m.statements().subList(skip, m.statements().size());
            long t0 = System.nanoTime();
            MigrationExecutor executor = new MigrationExecutor(timeouts.lockTimeout(), timeouts.statementTimeout()).watching(watcherSource);
            MigrationExecutor.Result r = executor.apply(c, rest, conn -> {
                progress.clear(conn);
                insertHistoryRow(conn, qualified, m, (System.nanoTime() - t0) / 1_000_000);
            }, (conn, statements) -> {
                for (SqlStatement s : statements) {
                    progress.record(conn, m.statements().indexOf(s), s);
                }
            });
            if (r.success()) {
                return new Outcome(null, null);
            }
            return new Outcome(message(m, r, done), r.failed().line());
        }
    }

    private static String message(Pending m, MigrationExecutor.Result r, List<MigrationProgress.Done> earlier) {
        StringBuilder s = new StringBuilder(r.describe(m.script()));
        if (!earlier.isEmpty()) {
            s.append(" Earlier runs already applied ").append(earlier.stream().map(d -> "line " + d.line()).collect(Collectors.joining(", "))).append('.');
        }
        boolean anyTookEffect = !earlier.isEmpty() || !r.committed().isEmpty();
        s.append(" Nothing is recorded as applied in the schema history. Repair: ");
        r.repair().forEach(sql -> s.append(sql).append(' '));
        s.append(r.timedOut() ? "let the blocking session finish (or end it), then run migrate again"
                : "fix the cause of the error at line " + r.failed().line() + ", then run migrate again");
        if (anyTookEffect) {
            s.append("; it resumes after the statements that took effect (recorded in ").append(MigrationProgress.TABLE)
                    .append("), as long as they stay unchanged in the file");
        }
        return s.append('.').toString();
    }

    private boolean flywayLock(Connection c, String qualified) throws SQLException {
        long key = FLYWAY_LOCK_MAGIC + qualified.hashCode();
        long deadline = System.nanoTime() + Math.max(1_000, timeouts.lockTimeout().toMillis()) * 1_000_000;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private static void insertHistoryRow(Connection c, String qualified, Pending m, long millis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified
                + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) "
                + "SELECT coalesce(max(installed_rank), 0) + 1, ?, ?, 'SQL', ?, ?, current_user, ?, true FROM " + qualified)) {
            ps.setString(1, m.version());
            ps.setString(2, m.description());
            ps.setString(3, m.script());
            if (m.checksum() == null) {
                ps.setNull(4, java.sql.Types.INTEGER);
            } else {
                ps.setInt(4, m.checksum());
            }
            ps.setInt(5, (int) Math.min(Integer.MAX_VALUE, millis));
            ps.executeUpdate();
        }
    }

    /** Creates the history table as Flyway does, for a first migration that Preflight applies itself. */
    static void ensureHistoryTable(Connection c, String schema, String table) throws SQLException {
        String q = quote(schema) + "." + quote(table);
        try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT to_regclass('" + q.replace("'", "''") + "')")) {
            rs.next();
            if (rs.getString(1) != null) {
                return;
            }
        }
        try (java.sql.Statement st = c.createStatement()) {
            Schemas.ensure(st, quote(schema));
            st.execute("CREATE TABLE " + q + " (\"installed_rank\" INT NOT NULL, \"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, "
                    + "\"type\" VARCHAR(20) NOT NULL, \"script\" VARCHAR(1000) NOT NULL, \"checksum\" INTEGER, \"installed_by\" VARCHAR(100) NOT NULL, "
                    + "\"installed_on\" TIMESTAMP NOT NULL DEFAULT now(), \"execution_time\" INTEGER NOT NULL, \"success\" BOOLEAN NOT NULL)");
            st.execute("ALTER TABLE " + q + " ADD CONSTRAINT " + quote(table + "_pk") + " PRIMARY KEY (\"installed_rank\")");
            st.execute("CREATE INDEX " + quote(table + "_s_idx") + " ON " + q + " (\"success\")");
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
