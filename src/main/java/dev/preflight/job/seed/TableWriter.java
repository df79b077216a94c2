package dev.preflight.job.seed;

import dev.preflight.seed.SeedBlock;
import dev.preflight.seed.SeedSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one block of seed rows as an upsert by primary key that touches a row only when a
 * mentioned column's value differs: {@code INSERT ... ON CONFLICT (pk) DO UPDATE SET ... WHERE
 * (cols) IS DISTINCT FROM (EXCLUDED cols)}. Columns the seed does not mention are never in the
 * statement, so they keep their values (embeddings, timestamps). Large blocks go through COPY:
 * straight into the table when it is empty, else into a temporary table and one upsert from it.
 * Inserted rows are told from updated ones by {@code xmax = 0}; rows neither returned were unchanged.
 */
final class TableWriter {

    /** Blocks of at least this many rows are loaded with COPY. */
    static final int COPY_THRESHOLD = 2_000;
    private static final int MAX_PARAMETERS = 30_000;
    /** Long COPYs log their progress this often. */
    private static final long PROGRESS_NANOS = 10_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(TableWriter.class);

    /** Rows inserted, updated and left unchanged by one write. */
    record Counts(long inserted, long updated, long unchanged) {
        Counts plus(Counts o) {
            return new Counts(inserted + o.inserted, updated + o.updated, unchanged + o.unchanged);
        }
    }

    private final Connection connection;
    private final SeedSchema schema;

    TableWriter(Connection connection, SeedSchema schema) {
        this.connection = connection;
        this.schema = schema;
    }

    Counts write(SeedBlock b) throws SQLException, IOException {
        return b.size() >= COPY_THRESHOLD ? copy(b) : values(b);
    }

    private Counts values(SeedBlock b) throws SQLException {
        SeedSchema.Table t = schema.table(b.table());
        int width = b.columns().size();
        int batch = Math.max(1, Math.min(1000, MAX_PARAMETERS / width));
        // Cast to the type without its length: an explicit cast to varchar(5) truncates, the assignment to the column checks.
        String tuple = b.columns().stream().map(c -> "CAST(? AS " + t.columns().get(c).castType() + ")")
                .collect(Collectors.joining(", ", "(", ")"));
        Counts total = new Counts(0, 0, 0);
        for (int from = 0; from < b.size(); from += batch) {
            int to = Math.min(b.size(), from + batch);
            String sql = "INSERT INTO " + schema.qualified(b.table()) + " AS cur " + columnList(b.columns()) + " VALUES "
                    + String.join(", ", java.util.Collections.nCopies(to - from, tuple)) + upsertTail(t, b.columns())
                    + " RETURNING (cur.xmax = 0)";
            long inserted = 0;
            long returned = 0;
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int p = 1;
                for (int r = from; r < to; r++) {
                    for (String v : b.rows().get(r)) {
                        ps.setString(p++, v);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        returned++;
                        inserted += rs.getBoolean(1) ? 1 : 0;
                    }
                }
            }
            total = total.plus(new Counts(inserted, returned - inserted, (to - from) - returned));
        }
        return total;
    }

    private Counts copy(SeedBlock b) throws SQLException, IOException {
        SeedSchema.Table t = schema.table(b.table());
        long t0 = System.nanoTime();
        if (isEmpty(b.table())) {
            long rows = copyIn(schema.qualified(b.table()), b);
            logRate(b, rows, t0, "copied into the empty table");
            return new Counts(rows, 0, 0);
        }
        String stage = "pg_temp." + SeedSchema.ident("preflight_seed_" + b.table());
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + stage);
            st.execute("CREATE TEMP TABLE " + stage + " ON COMMIT DROP AS SELECT " + String.join(", ",
                    b.columns().stream().map(SeedSchema::ident).toList()) + " FROM " + schema.qualified(b.table()) + " WITH NO DATA");
        }
        copyIn(stage, b);
        String cols = columnList(b.columns());
        String sql = "WITH w AS (INSERT INTO " + schema.qualified(b.table()) + " AS cur " + cols + " SELECT "
                + cols.substring(1, cols.length() - 1) + " FROM " + stage + upsertTail(t, b.columns())
                + " RETURNING (cur.xmax = 0) AS ins) SELECT count(*) FILTER (WHERE ins), count(*) FILTER (WHERE NOT ins) FROM w";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            Counts c = new Counts(rs.getLong(1), rs.getLong(2), b.size() - rs.getLong(1) - rs.getLong(2));
            st.execute("DROP TABLE " + stage);
            logRate(b, b.size(), t0, "upserted through a staging table");
            return c;
        }
    }

    private boolean isEmpty(String table) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + schema.qualified(table) + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Streams the block as CSV: NULL as an unquoted empty field, every value quoted. */
    private long copyIn(String target, SeedBlock b) throws SQLException, IOException {
        String sql = "COPY " + target + " " + columnList(b.columns()) + " FROM STDIN WITH (FORMAT csv)";
        PGCopyOutputStream out = new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 16);
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            long t0 = System.nanoTime();
            long lastLog = t0;
            int done = 0;
            for (String[] row : b.rows()) {
                if (++done % 10_000 == 0 && System.nanoTime() - lastLog > PROGRESS_NANOS) {
                    lastLog = System.nanoTime();
                    double rate = done / ((lastLog - t0) / 1e9);
                    log.info("seed: {}: {}/{} rows sent ({} rows/s, about {} s left)", b.table(), done, b.size(), Math.round(rate),
                            Math.round((b.size() - done) / rate));
                }
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    if (row[i] != null) {
                        w.write('"');
                        w.write(row[i].indexOf('"') < 0 ? row[i] : row[i].replace("\"", "\"\""));
                        w.write('"');
                    }
                }
                w.write('\n');
            }
            w.flush();
            return out.endCopy();
        } catch (IOException | SQLException | RuntimeException e) {
            if (out.isActive()) {
                out.cancelCopy(); // leave the connection usable for the rollback
            }
            throw e;
        }
    }

    /**
     * The conflict clause: update the mentioned non-key columns, and only rows where one of them differs. Columns of a
     * type without an equality operator (json, xml, point) are compared as text.
     */
    private static String upsertTail(SeedSchema.Table t, List<String> columns) {
        List<String> set = columns.stream().filter(c -> !t.primaryKey().contains(c)).toList();
        String conflict = " ON CONFLICT " + columnList(t.primaryKey());
        if (set.isEmpty()) {
            return conflict + " DO NOTHING";
        }
        return conflict + " DO UPDATE SET " + set.stream().map(SeedSchema::ident).map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", ")) + " WHERE (" + compared(t, set, "cur.") + ") IS DISTINCT FROM ("
                + compared(t, set, "EXCLUDED.") + ")";
    }

    private static String compared(SeedSchema.Table t, List<String> columns, String prefix) {
        return columns.stream().map(c -> prefix + SeedSchema.ident(c) + (t.columns().get(c).comparable() ? "" : "::text"))
                .collect(Collectors.joining(", "));
    }

    private static String columnList(List<String> columns) {
        return columns.stream().map(SeedSchema::ident).collect(Collectors.joining(", ", "(", ")"));
    }

    private static void logRate(SeedBlock b, long rows, long t0, String how) {
        double s = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        log.info("seed: {}: {} rows {} in {} s ({} rows/s)", b.table(), rows, how, String.format("%.2f", s), Math.round(rows / s));
    }
}
