package dev.preflight.check.smoke;

import dev.preflight.check.CheckContext;
import dev.preflight.db.Catalog;
import dev.preflight.report.Finding;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Built-in smoke kind {@code write-rollback}: inserts a row ({@code table}, {@code values}), reads it
 * back, and rolls back, proving the application role can write and the table's defaults, triggers
 * and constraints accept a normal row. Nothing stays in the database.
 */
public final class WriteRollbackCheck extends SmokeCheck {

    public WriteRollbackCheck(SmokeSpec spec) {
        super(spec);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        String table = Catalog.ident(spec.string("table"));
        Map<String, Object> values = spec.map("values");
        List<String> columns = new ArrayList<>(values.keySet());
        String insert = "INSERT INTO " + table + " (" + columns.stream().map(Catalog::ident).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        String first = columns.get(0);
        String readBack = "SELECT count(*) FROM " + table + " WHERE " + Catalog.ident(first) + " = ?";
        long found;
        try (SqlSmokeCheck.RolledBack tx = new SqlSmokeCheck.RolledBack(context.connection())) {
            try (PreparedStatement ps = tx.connection().prepareStatement(insert)) {
                for (int i = 0; i < columns.size(); i++) {
                    ps.setObject(i + 1, String.valueOf(values.get(columns.get(i))), Types.OTHER);
                }
                ps.executeUpdate();
            } catch (java.sql.SQLException e) {
                return List.of(fail("table " + spec.string("table"), "writing a row to " + spec.string("table") + " failed: "
                        + e.getMessage().lines().findFirst().orElse(""), "insert succeeds", "SQLSTATE " + e.getSQLState(),
                        "check the role's privileges and the table's constraints"));
            }
            found = count(tx.connection(), readBack, values.get(first));
        }
        long after = count(context.connection(), readBack, values.get(first));
        if (found != 1 || after != 0) {
            return List.of(fail("table " + spec.string("table"), "write-and-rollback on " + spec.string("table") + ": read back "
                    + found + " row(s), " + after + " after rollback", "1 row, then 0", found + ", then " + after, "check triggers and rules on the table"));
        }
        return List.of();
    }

    private static long count(java.sql.Connection c, String sql, Object value) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, String.valueOf(value), Types.OTHER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
