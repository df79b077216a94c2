package dev.preflight.job.seed;

import dev.preflight.seed.SeedBlock;
import dev.preflight.seed.SeedSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks that every foreign key value in the seed has its parent row, either seeded or already in
 * the database: one query per foreign key for the values the seed does not provide itself.
 */
final class ParentRows {

    private final Connection connection;
    private final SeedSchema schema;
    private final List<SeedBlock> blocks;
    private final Consumer<String> errors;
    private final Map<String, Set<String>> seeded = new HashMap<>();

    ParentRows(Connection connection, SeedSchema schema, List<SeedBlock> blocks, Consumer<String> errors) {
        this.connection = connection;
        this.schema = schema;
        this.blocks = blocks;
        this.errors = errors;
    }

    void check() throws SQLException {
        for (SeedBlock b : blocks) {
            for (SeedSchema.ForeignKey fk : schema.table(b.table()).foreignKeys()) {
                if (b.columns().containsAll(fk.columns())) {
                    check(b, fk);
                }
            }
        }
    }

    private void check(SeedBlock b, SeedSchema.ForeignKey fk) throws SQLException {
        int[] at = fk.columns().stream().mapToInt(b::columnIndex).toArray();
        Set<String> inSeed = seeded.computeIfAbsent(fk.parent() + "(" + fk.parentColumns() + ")",
                k -> SeedValidator.keysOf(blocks, fk.parent(), fk.parentColumns()));
        Map<String, Integer> elsewhere = new LinkedHashMap<>();
        boolean constant = java.util.Arrays.stream(at).allMatch(b::constant);
        for (int r = 0; r < (constant ? 1 : b.size()); r++) {
            String[] row = b.rows().get(r);
            boolean anyNull = false;
            for (int i : at) {
                anyNull |= row[i] == null;
            }
            String key = SeedValidator.key(row, at);
            if (!anyNull && !inSeed.contains(key)) {
                elsewhere.putIfAbsent(key, r);
            }
        }
        if (elsewhere.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(elsewhere.keySet());
        for (int missing : missingInDatabase(fk, keys)) {
            int r = elsewhere.get(keys.get(missing));
            errors.accept(b.where(r, fk.columns().get(0)) + ": " + b.table() + "(" + String.join(", ", fk.columns()) + ") = ("
                    + keys.get(missing).replace('\u0000', ',') + ") has no parent row in " + fk.parent() + "("
                    + String.join(", ", fk.parentColumns()) + "), neither in the seed files nor in the database (foreign key "
                    + fk.name() + ")");
        }
    }

    /** Indexes into {@code keys} of the tuples with no matching parent row in the database. */
    private List<Integer> missingInDatabase(SeedSchema.ForeignKey fk, List<String> keys) throws SQLException {
        int n = fk.columns().size();
        StringBuilder arrays = new StringBuilder();
        StringBuilder names = new StringBuilder();
        StringBuilder match = new StringBuilder();
        SeedSchema.Table parent = schema.table(fk.parent());
        for (int i = 0; i < n; i++) {
            String pc = fk.parentColumns().get(i);
            arrays.append(i == 0 ? "" : ", ").append("?::text[]");
            names.append("k").append(i).append(", ");
            match.append(i == 0 ? "" : " AND ").append("p.").append(SeedSchema.ident(pc)).append(" = k.k").append(i)
                    .append("::").append(parent.columns().get(pc).type());
        }
        String sql = "SELECT k.ord FROM unnest(" + arrays + ") WITH ORDINALITY AS k(" + names + "ord) WHERE NOT EXISTS (SELECT 1 FROM "
                + schema.qualified(fk.parent()) + " p WHERE " + match + ") ORDER BY k.ord";
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < n; i++) {
                int col = i;
                ps.setArray(i + 1, connection.createArrayOf("text", keys.stream().map(k -> k.split("\u0000", -1)[col]).toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add((int) rs.getLong(1) - 1);
                }
            }
        }
        return out;
    }
}
