package dev.preflight.migration;

import dev.preflight.db.CatalogQueries;
import dev.preflight.db.Schemas;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code preflight.migration_progress}: the statements of a partially applied migration that took
 * effect, recorded in the same transaction as them, so that a re-run resumes after them instead
 * of failing on "already exists". A statement is skipped only while its text is unchanged.
 */
final class MigrationProgress {

    static final String TABLE = CatalogQueries.PREFLIGHT_SCHEMA + ".migration_progress";

    /** One recorded statement: its position among the file's statements, its line and a hash of its text. */
    record Done(int index, int line, String hash) {
    }

    private final String historyTable;
    private final String version;

    MigrationProgress(String historyTable, String version) {
        this.historyTable = historyTable;
        this.version = version;
    }

    static void ensureTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            Schemas.ensure(st, CatalogQueries.PREFLIGHT_SCHEMA);
            st.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (history_table text NOT NULL, version text NOT NULL, "
                    + "statement_index int NOT NULL, line int NOT NULL, sql_sha256 text NOT NULL, committed_at timestamptz NOT NULL DEFAULT now(), "
                    + "PRIMARY KEY (history_table, version, statement_index))");
        }
    }

    List<Done> read(Connection c) throws SQLException {
        List<Done> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT statement_index, line, sql_sha256 FROM " + TABLE
                + " WHERE history_table = ? AND version = ? ORDER BY statement_index")) {
            ps.setString(1, historyTable);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Done(rs.getInt(1), rs.getInt(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    void record(Connection c, int index, SqlStatement s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                + " (history_table, version, statement_index, line, sql_sha256) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, historyTable);
            ps.setString(2, version);
            ps.setInt(3, index);
            ps.setInt(4, s.line());
            ps.setString(5, hash(s));
            ps.executeUpdate();
        }
    }

    void clear(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE history_table = ? AND version = ?")) {
            ps.setString(1, historyTable);
            ps.setString(2, version);
            ps.executeUpdate();
        }
    }

    /** The statement that forgets the recorded progress, for messages. */
    /** A statement an earlier run applied that has changed since: its line, and the failure saying so with the way out. */
    record Changed(int line, String message) {
    }

    /**
     * The first statement an earlier run applied that has changed in the file since ({@code statements} as they are now),
     * for {@code script}; null when the recorded statements are all unchanged.
     */
    Changed changedSince(String script, List<SqlStatement> statements, List<Done> done) {
        for (Done d : done) {
            if (d.index() >= statements.size() || !hash(statements.get(d.index())).equals(d.hash())) {
                return new Changed(d.line(), "migration " + script + " failed at line " + d.line() + ": an earlier run applied it partially ("
                        + done.stream().map(x -> "line " + x.line()).collect(java.util.stream.Collectors.joining(", "))
                        + " took effect), and the statement at line " + d.line() + " has changed in the file since, so Preflight cannot "
                        + "tell what is left to do. Repair: restore those statements as they were, or undo their effects by hand and run "
                        + forgetSql());
            }
        }
        return null;
    }

    String forgetSql() {
        return "DELETE FROM " + TABLE + " WHERE history_table = '" + historyTable + "' AND version = '" + version + "';";
    }

    static String hash(SqlStatement s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((s.copyData() == null ? s.sql().strip()
                    : s.sql().strip() + "\n" + s.copyData()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
