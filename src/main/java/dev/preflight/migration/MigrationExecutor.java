package dev.preflight.migration;

import dev.preflight.migration.SqlStatement.Mode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a migration's statements on one dedicated connection the way PostgreSQL allows: each run of
 * consecutive transactional statements in one transaction, each non-transactional statement
 * ({@code CREATE INDEX CONCURRENTLY}, ...) alone in autocommit, under {@code lock_timeout} and
 * {@code statement_timeout}. It says exactly which statements took effect when one fails.
 */
public final class MigrationExecutor {

    /** Writes the native history row; runs inside the last transaction, so the row commits with the work. */
    @FunctionalInterface
    public interface Recorder {
        void record(Connection connection) throws SQLException;
    }

    /**
     * What happened: the statements that took effect (committed), the one that failed and its
     * error (null on success), and the statements rolled back with it.
     */
    public record Result(List<SqlStatement> committed, SqlStatement failed, SQLException error, List<SqlStatement> rolledBack) {

        public boolean success() {
            return error == null;
        }

        /** True when some statements took effect before the failure: the migration is partially applied. */
        public boolean partial() {
            return error != null && !committed.isEmpty();
        }
    }

    private final Duration lockTimeout;
    private final Duration statementTimeout;

    public MigrationExecutor(Duration lockTimeout, Duration statementTimeout) {
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
    }

    public Result apply(Connection c, List<SqlStatement> statements, Recorder recorder) throws SQLException {
        List<List<SqlStatement>> groups = groups(statements);
        List<SqlStatement> committed = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        try {
            for (int g = 0; g < groups.size(); g++) {
                List<SqlStatement> group = groups.get(g);
                boolean last = g == groups.size() - 1;
                boolean transactional = group.get(0).mode() == Mode.TRANSACTIONAL;
                c.setAutoCommit(!transactional);
                setTimeouts(c, transactional);
                SqlStatement current = null;
                try (Statement st = c.createStatement()) {
                    for (SqlStatement s : group) {
                        current = s;
                        st.execute(s.sql());
                    }
                    if (last && transactional && recorder != null) {
                        current = null;
                        recorder.record(c);
                    }
                    if (transactional) {
                        c.commit();
                    }
                } catch (SQLException e) {
                    if (transactional) {
                        c.rollback();
                        return new Result(List.copyOf(committed), current == null ? group.get(group.size() - 1) : current, e, group);
                    }
                    return new Result(List.copyOf(committed), current, e, List.of());
                }
                committed.addAll(group);
            }
            if ((groups.isEmpty() || groups.get(groups.size() - 1).get(0).mode() != Mode.TRANSACTIONAL) && recorder != null) {
                c.setAutoCommit(false);
                setTimeouts(c, true);
                recorder.record(c);
                c.commit();
            }
            return new Result(List.copyOf(committed), null, null, List.of());
        } finally {
            resetTimeouts(c);
            c.setAutoCommit(autoCommit);
        }
    }

    /** Runs of transactional statements, and each non-transactional statement alone; control statements split runs. */
    static List<List<SqlStatement>> groups(List<SqlStatement> statements) {
        List<List<SqlStatement>> out = new ArrayList<>();
        List<SqlStatement> run = new ArrayList<>();
        for (SqlStatement s : statements) {
            if (s.mode() == Mode.TRANSACTIONAL) {
                run.add(s);
                continue;
            }
            if (!run.isEmpty()) {
                out.add(run);
                run = new ArrayList<>();
            }
            if (s.mode() == Mode.NON_TRANSACTIONAL) {
                out.add(List.of(s));
            }
        }
        if (!run.isEmpty()) {
            out.add(run);
        }
        return out;
    }

    private void setTimeouts(Connection c, boolean local) throws SQLException {
        String scope = local ? "SET LOCAL " : "SET ";
        try (Statement st = c.createStatement()) {
            st.execute(scope + "lock_timeout = " + lockTimeout.toMillis());
            st.execute(scope + "statement_timeout = " + statementTimeout.toMillis());
        }
    }

    private static void resetTimeouts(Connection c) {
        try (Statement st = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            st.execute("RESET lock_timeout");
            st.execute("RESET statement_timeout");
        } catch (SQLException e) {
            // The connection is broken; its pool discards it, and the caller already has the error.
        }
    }
}
