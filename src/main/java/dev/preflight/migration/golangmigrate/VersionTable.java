package dev.preflight.migration.golangmigrate;

import dev.preflight.migration.golangmigrate.GolangMigrateSource.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** golang-migrate's one-row PostgreSQL history table: read, created and written as its postgres driver does. */
final class VersionTable {

    private final String table;

    /** @param table the qualified, quoted history table */
    VersionTable(String table) {
        this.table = table;
    }

    /** The version and dirty flag of the table, which must exist; empty when it has no row (nothing applied). */
    Optional<Version> read(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, dirty FROM " + table + " LIMIT 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long version = rs.getLong(1);
            boolean dirty = rs.getBoolean(2);
            // -1 (golang-migrate's NilVersion) is written only with dirty=true, after a failed down migration of the first file.
            return version < 0 && !dirty ? Optional.empty() : Optional.of(new Version(version, dirty));
        }
    }

    /** golang-migrate's {@code ensureVersionTable}. */
    void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (version bigint not null primary key, dirty boolean not null)");
        }
    }

    /** golang-migrate's {@code SetVersion}: TRUNCATE and INSERT in one transaction (the caller's, or one of its own). */
    void setVersion(Connection c, long version, boolean dirty) throws SQLException {
        boolean own = c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false);
        }
        try {
            try (Statement st = c.createStatement()) {
                st.execute("TRUNCATE " + table);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (version, dirty) VALUES (?, ?)")) {
                ps.setLong(1, version);
                ps.setBoolean(2, dirty);
                ps.executeUpdate();
            }
            if (own) {
                c.commit();
            }
        } catch (SQLException e) {
            if (own) {
                c.rollback();
            }
            throw e;
        } finally {
            if (own) {
                c.setAutoCommit(true);
            }
        }
    }
}
