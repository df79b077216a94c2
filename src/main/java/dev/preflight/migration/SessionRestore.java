package dev.preflight.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A session's {@code search_path} and role as a replay found them, put back between migrations for a tool that does
 * so itself ({@link MigrationSource#restoresSessionBetweenMigrations}, Flyway): without it, a pg_dump baseline's
 * {@code set_config('search_path', '', false)} made every later migration's unqualified name "does not exist" in
 * lint's measurement and in baseline's replay, where Flyway applied it. Every replay that runs a project's migrations
 * one after another on one connection itself (not through Flyway) uses it.
 */
public final class SessionRestore {

    private final String searchPath;
    private final String role;

    private SessionRestore(String searchPath, String role) {
        this.searchPath = searchPath;
        this.role = role;
    }

    /**
     * The session's state now, before any migration ran on it, when the project's tool puts it back between migrations
     * ({@code toolRestores}); otherwise a restore that does nothing, as the tool runs on as the migration before left it.
     */
    public static SessionRestore of(boolean toolRestores, Connection c) throws SQLException {
        if (!toolRestores) {
            return new SessionRestore(null, null);
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('search_path'), current_user")) {
            rs.next();
            return new SessionRestore(rs.getString(1), rs.getString(2));
        }
    }

    /** Before a migration: puts the captured search_path and role back, as Flyway does after each migration. */
    public void restore(Connection c) throws SQLException {
        if (searchPath == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            ps.setString(1, searchPath);
            ps.execute();
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET ROLE \"" + role.replace("\"", "\"\"") + "\"");
        }
    }
}
