package dev.preflight.migration;

import dev.preflight.db.CatalogQueries;
import dev.preflight.db.Schemas;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code preflight.applied_checksums}: the checksum of each migration Preflight applied (or adopted
 * with {@code baseline}) for a layout whose native history keeps none (golang-migrate, dbmate), so
 * that an edited applied file is found. It lives in Preflight's own schema, never in the native
 * table, so that the native tool keeps reading its table exactly as it wrote it.
 */
public final class AppliedChecksums {

    public static final String TABLE = CatalogQueries.PREFLIGHT_SCHEMA + ".applied_checksums";

    private final String historyTable;

    /** @param historyTable the native history table the rows belong to, as {@link MigrationSource#historyTable()} names it */
    public AppliedChecksums(String historyTable) {
        this.historyTable = historyTable;
    }

    /** The recorded checksum of each migration id; empty when Preflight never recorded one (or the table is missing). */
    public Map<String, String> read(Connection c) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, TABLE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return out;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, checksum FROM " + TABLE + " WHERE history_table = ?")) {
            ps.setString(1, historyTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /**
     * Records {@code migration}'s checksum in the caller's transaction (the one writing the native row,
     * so both commit together); a migration applied again after a rollback replaces its old record.
     */
    public void record(Connection c, Migration migration) throws SQLException {
        try (Statement st = c.createStatement()) {
            Schemas.ensure(st, CatalogQueries.PREFLIGHT_SCHEMA);
            st.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (history_table text NOT NULL, id text NOT NULL, checksum text NOT NULL, "
                    + "recorded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (history_table, id))");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (history_table, id, checksum) VALUES (?, ?, ?) "
                + "ON CONFLICT (history_table, id) DO UPDATE SET checksum = excluded.checksum, recorded_at = now()")) {
            ps.setString(1, historyTable);
            ps.setString(2, migration.id());
            ps.setString(3, migration.checksum());
            ps.executeUpdate();
        }
    }

    /** The statement that forgets the record of {@code id}, for remedies. */
    public String forgetSql(String id) {
        return "DELETE FROM " + TABLE + " WHERE history_table = '" + historyTable.replace("'", "''") + "' AND id = '" + id.replace("'", "''") + "';";
    }
}
