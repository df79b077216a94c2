package dev.preflight.migration;

import dev.preflight.migration.SqlStatement.Mode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Runs a migration's statements on one dedicated connection the way PostgreSQL allows: each run of
 * consecutive transactional statements in one transaction, each non-transactional statement
 * ({@code CREATE INDEX CONCURRENTLY}, ...) alone in autocommit, under {@code lock_timeout} and
 * {@code statement_timeout}. It says exactly which statements took effect when one fails, which
 * session blocked it when it timed out, and which invalid index a failed concurrent build left.
 */
public final class MigrationExecutor {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MigrationExecutor.class);

    /** SQLSTATEs of a lock wait or a statement that ran out of time (or was cancelled). */
    static final Set<String> TIMEOUT_STATES = Set.of("55P03", "57014");

    /** Writes the native history row; runs inside the last transaction, so the row commits with the work. */
    @FunctionalInterface
    public interface Recorder {
        void record(Connection connection) throws SQLException;
    }

    /**
     * Told about statements as they take effect: inside the transaction of a transactional run (so
     * the record commits with the work), right after a non-transactional statement succeeded.
     */
    @FunctionalInterface
    public interface Progress {
        void committed(Connection connection, List<SqlStatement> statements) throws SQLException;
    }

    /**
     * What happened: the statements that took effect (committed), the one that failed and its
     * error (null on success), the statements rolled back with it, the sessions that blocked it
     * when it timed out, and the invalid indexes the failed statement left behind.
     */
    public record Result(List<SqlStatement> committed, SqlStatement failed, SQLException error, List<SqlStatement> rolledBack,
                         List<BlockingSession> blockers, List<String> invalidIndexes) {

        public Result(List<SqlStatement> committed, SqlStatement failed, SQLException error, List<SqlStatement> rolledBack) {
            this(committed, failed, error, rolledBack, List.of(), List.of());
        }

        public Result {
            committed = List.copyOf(committed);
            rolledBack = List.copyOf(rolledBack);
            blockers = List.copyOf(blockers);
            invalidIndexes = List.copyOf(invalidIndexes);
        }

        public boolean success() {
            return error == null;
        }

        /** True when some statements took effect before the failure: the migration is partially applied. */
        public boolean partial() {
            return error != null && !committed.isEmpty();
        }

        /** True when the failure was a lock wait or statement running out of time. */
        public boolean timedOut() {
            return error != null && TIMEOUT_STATES.contains(error.getSQLState());
        }

        /** SQL that removes what the failed statement left half-done (invalid indexes); empty when nothing is left. */
        public List<String> repair() {
            return invalidIndexes.stream().map(i -> "DROP INDEX CONCURRENTLY IF EXISTS " + i + ";").toList();
        }

        /**
         * The failure in words, naming {@code file} and the lines: the database's error, the blocking
         * sessions, what took effect, what was rolled back, and the repair. Null on success.
         */
        public String describe(String file) {
            return error == null ? null : FailureDescription.of(this, file);
        }
    }

    private final Duration lockTimeout;
    private final Duration statementTimeout;
    private final DataSource watcherSource;

    public MigrationExecutor(Duration lockTimeout, Duration statementTimeout) {
        this(lockTimeout, statementTimeout, null);
    }

    private MigrationExecutor(Duration lockTimeout, Duration statementTimeout, DataSource watcherSource) {
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
        this.watcherSource = watcherSource;
    }

    /** The same executor, watching its session from a second connection of {@code source} to name whoever blocks it. */
    public MigrationExecutor watching(DataSource source) {
        return new MigrationExecutor(lockTimeout, statementTimeout, source);
    }

    public Result apply(Connection c, List<SqlStatement> statements, Recorder recorder) throws SQLException {
        return apply(c, statements, recorder, null);
    }

    public Result apply(Connection c, List<SqlStatement> statements, Recorder recorder, Progress progress) throws SQLException {
        List<List<SqlStatement>> groups = StatementGroups.of(statements);
        List<SqlStatement> committed = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        BlockingWatcher watcher = watcherSource == null ? null : BlockingWatcher.start(watcherSource);
        int pid = watcher == null ? 0 : ExecutorSession.backendPid(c);
        if (watcher != null) {
            watcher.watch(pid);
        }
        try {
            for (int g = 0; g < groups.size(); g++) {
                List<SqlStatement> group = groups.get(g);
                boolean last = g == groups.size() - 1;
                boolean transactional = group.get(0).mode() == Mode.TRANSACTIONAL;
                c.setAutoCommit(!transactional);
                setTimeouts(c, transactional);
                Set<String> invalidBefore = transactional ? Set.of() : ExecutorSession.invalidIndexes(c);
                SqlStatement current = null;
                try (Statement st = c.createStatement()) {
                    for (SqlStatement s : group) {
                        current = s;
                        if (!transactional) {
                            String dropped = ExecutorSession.dropInterruptedBuild(c, s.sql());
                            if (dropped != null) {
                                invalidBefore = ExecutorSession.invalidIndexes(c);
                                log.warn("line {}: dropped the invalid index {} an interrupted build left, and building it again", s.line(), dropped);
                            }
                        }
                        s.execute(c, st);
                    }
                    current = null;
                    if (progress != null) {
                        progress.committed(c, group);
                    }
                    if (last && transactional && recorder != null) {
                        recorder.record(c);
                    }
                    if (transactional) {
                        c.commit();
                    }
                } catch (SQLException e) {
                    if (transactional) {
                        rollback(c, e);
                    }
                    SqlStatement failed = current == null ? group.get(group.size() - 1) : current;
                    List<BlockingSession> blockers = watcher == null || !TIMEOUT_STATES.contains(e.getSQLState()) ? List.of() : watcher.blockersOf(pid);
                    List<String> leftovers = List.of();
                    if (!transactional) {
                        Set<String> now = new LinkedHashSet<>(ExecutorSession.invalidIndexes(c));
                        now.removeAll(invalidBefore);
                        leftovers = List.copyOf(now);
                    }
                    return new Result(committed, failed, e, transactional ? group : List.of(), blockers, leftovers);
                }
                committed.addAll(group);
            }
            if ((groups.isEmpty() || groups.get(groups.size() - 1).get(0).mode() != Mode.TRANSACTIONAL) && recorder != null) {
                c.setAutoCommit(false);
                setTimeouts(c, true);
                recorder.record(c);
                c.commit();
            }
            return new Result(committed, null, null, List.of());
        } finally {
            if (watcher != null) {
                watcher.close();
            }
            ExecutorSession.resetTimeouts(c);
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                // Only a broken connection refuses: its pool discards it, and the result already says what failed.
            }
        }
    }

    /** Rolls back after {@code failure}; on a connection that is gone (a killed session) the failure stays the error reported. */
    private static void rollback(Connection c, SQLException failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void setTimeouts(Connection c, boolean local) throws SQLException {
        ExecutorSession.setTimeouts(c, lockTimeout, statementTimeout, local);
    }
}
