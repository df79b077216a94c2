package dev.preflight.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the executor sets and reads on its dedicated connection: its timeouts, its backend pid, the invalid indexes it sees. */
final class ExecutorSession {

    // Invalid indexes of application schemas: what a failed CREATE INDEX / REINDEX CONCURRENTLY leaves behind.
    private static final String INVALID_INDEXES = "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_index i "
            + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid ORDER BY 1";

    private ExecutorSession() {
    }

    /** {@code lock_timeout} and {@code statement_timeout}, for the current transaction only when {@code local}. */
    static void setTimeouts(Connection c, Duration lockTimeout, Duration statementTimeout, boolean local) throws SQLException {
        String scope = local ? "SET LOCAL " : "SET ";
        try (Statement st = c.createStatement()) {
            st.execute(scope + "lock_timeout = " + lockTimeout.toMillis());
            st.execute(scope + "statement_timeout = " + statementTimeout.toMillis());
        }
    }

    static void resetTimeouts(Connection c) {
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

    static int backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            int pid = rs.getInt(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return pid;
        }
    }

    static Set<String> invalidIndexes(Connection c) {
        Set<String> out = new LinkedHashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(INVALID_INDEXES)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            // Only the repair hint depends on it; the failure itself is reported either way.
        }
        return out;
    }

    /** The index a {@code CREATE [UNIQUE] INDEX CONCURRENTLY} builds: group 1 its name as written, schema included. */
    private static final java.util.regex.Pattern CONCURRENT_BUILD = java.util.regex.Pattern.compile(
            "(?is)^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)\\s+ON\\b");

    /**
     * Before a concurrent index build: an INVALID index of the same name is what an interrupted build of this very
     * statement leaves (a killed run's, cancelled by the server once the client was gone). It is never used by queries,
     * and the statement would fail on it with "already exists" forever, so it is dropped and the build runs again.
     * Returns the index dropped, or null.
     */
    static String dropInterruptedBuild(Connection c, String sql) throws SQLException {
        java.util.regex.Matcher m = CONCURRENT_BUILD.matcher(sql.replaceAll("(?s)^(?:\\s*--[^\\n]*\\n|\\s*/\\*.*?\\*/)*", ""));
        if (!m.find()) {
            return null;
        }
        String name = m.group(1);
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT NOT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return null;
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX CONCURRENTLY " + name);
        }
        return name;
    }
}
