package dev.preflight.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts, per seeded table, how many of the primary keys in the seed files are present in the
 * database: one query per block, the keys passed as arrays.
 */
public final class SeedPresence {

    /** Keys the seed gives for a table, and how many of them the database holds. */
    public record Presence(String table, long seeded, long present) {
    }

    private SeedPresence() {
    }

    public static List<Presence> measure(Connection c, String schemaName, SeedFiles files) throws SQLException {
        SeedSchema schema = SeedSchema.read(c, schemaName);
        Map<String, long[]> byTable = new LinkedHashMap<>();
        for (SeedBlock b : files.blocks()) {
            SeedSchema.Table t = schema.table(b.table());
            long[] sums = byTable.computeIfAbsent(b.table(), k -> new long[2]);
            sums[0] += b.size();
            sums[1] += present(c, schema, t, b);
        }
        List<Presence> out = new ArrayList<>();
        byTable.forEach((t, s) -> out.add(new Presence(t, s[0], s[1])));
        return out;
    }

    private static long present(Connection c, SeedSchema schema, SeedSchema.Table t, SeedBlock b) throws SQLException {
        List<String> key = t.primaryKey();
        StringBuilder arrays = new StringBuilder();
        StringBuilder names = new StringBuilder();
        StringBuilder casts = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            String sep = i == 0 ? "" : ", ";
            arrays.append(sep).append("?::text[]");
            names.append(sep).append("k").append(i);
            casts.append(sep).append("k.k").append(i).append("::").append(t.columns().get(key.get(i)).type());
        }
        String cols = String.join(", ", key.stream().map(SeedSchema::ident).toList());
        String sql = "SELECT count(*) FROM " + schema.qualified(t.name()) + " WHERE (" + cols + ") IN (SELECT " + casts
                + " FROM unnest(" + arrays + ") AS k(" + names + "))";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < key.size(); i++) {
                int at = b.columnIndex(key.get(i));
                ps.setArray(i + 1, c.createArrayOf("text", b.rows().stream().map(r -> r[at]).toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
