package dev.preflight.migration.postgrator;

import dev.preflight.db.Schemas;
import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.Migration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Postgrator's history table, {@code schemaversion (version bigint PRIMARY KEY, name text, md5 text,
 * run_at timestamptz)}, read, created and written as Postgrator 8 does; a table from an older
 * Postgrator may lack the later columns.
 */
final class SchemaVersionTable {

    private final String schema;
    private final String table;
    private final String qualified;

    /** @param qualified {@code schema.table}, quoted where needed */
    SchemaVersionTable(String schema, String table, String qualified) {
        this.schema = schema;
        this.table = table;
        this.qualified = qualified;
    }

    /** The applied versions of the table, which must exist, in version order (Postgrator's version-0 row left out). */
    List<AppliedMigration> read(Connection c) throws SQLException {
        Set<String> columns = columns(c);
        String name = columns.contains("name") ? "name" : "NULL";
        String md5 = columns.contains("md5") ? "md5" : "NULL";
        String runAt = columns.contains("run_at") ? "run_at" : "NULL::timestamptz";
        List<AppliedMigration> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, " + name + ", " + md5 + ", " + runAt
                + " FROM " + qualified + " WHERE version > 0 ORDER BY version")) {
            while (rs.next()) {
                String checksum = rs.getString(3);
                Timestamp at = rs.getTimestamp(4);
                // An empty or missing md5 is one Postgrator does not validate (its documented way to skip a check).
                out.add(new AppliedMigration(Long.toString(rs.getLong(1)), rs.getString(2) == null ? "" : rs.getString(2),
                        checksum == null || checksum.isEmpty() ? null : checksum, AppliedMigration.Status.SUCCESS,
                        at == null ? null : at.toInstant(), null));
            }
        }
        return out;
    }

    /**
     * Postgrator's {@code ensureTable}: the table with its version column and the version-0 row when
     * it is {@code missing}, then the columns later versions added, each only when missing (an older
     * table is upgraded the same way Postgrator upgrades it).
     */
    void ensure(Connection c, boolean missing) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (missing) {
                Schemas.ensure(st, PostgratorSource.quote(schema));
                st.execute("CREATE TABLE " + qualified + " (version BIGINT PRIMARY KEY)");
                st.execute("INSERT INTO " + qualified + " (version) VALUES (0)");
            }
            Set<String> columns = columns(c);
            if (!columns.contains("name")) {
                st.execute("ALTER TABLE " + qualified + " ADD COLUMN name TEXT");
            }
            if (!columns.contains("md5")) {
                st.execute("ALTER TABLE " + qualified + " ADD COLUMN md5 TEXT");
            }
            if (!columns.contains("run_at")) {
                st.execute("ALTER TABLE " + qualified + " ADD COLUMN run_at TIMESTAMP WITH TIME ZONE");
            }
        }
    }

    /** Postgrator's {@code persistActionSql} for a {@code do} migration. */
    void recordApplied(Connection c, Migration m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified + " (version, name, md5, run_at) VALUES (?, ?, ?, clock_timestamp())")) {
            ps.setLong(1, Long.parseLong(m.id()));
            ps.setString(2, m.description());
            ps.setString(3, m.checksum());
            ps.executeUpdate();
        }
    }

    private Set<String> columns(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
