import com.pgvector.PGvector;
import dev.preflight.job.backfill.provider.DeterministicProvider;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * The benchmark's baselines, outside Preflight: reset the table, then fill every embedding by
 * (a) one UPDATE per row (autocommit, binary vectors) or (b) one binary COPY into a temp table and
 * one join UPDATE. Both read the same text and compute the same vectors as Preflight's backfill with
 * the deterministic provider, so the comparison is of the work around the vectors; (b) encodes the
 * COPY into one buffer, as fast as it gets. Prints "rows seconds".
 * Usage: java -cp CLASSPATH Baseline.java reset|per-row|copy JDBC_URL USER PASSWORD [ROWS]
 */
public class Baseline {

    static final int DIMS = 384;

    public static void main(String[] a) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", a[2]);
        p.setProperty("password", a[3]);
        try (Connection c = DriverManager.getConnection(a[1], p)) {
            switch (a[0]) {
                case "reset" -> reset(c, Integer.parseInt(a[4]));
                case "per-row" -> timed(c, Baseline::perRow);
                case "copy" -> timed(c, Baseline::copy);
                default -> throw new IllegalArgumentException(a[0]);
            }
        }
    }

    /** A row to fill: its id and its vector, computed from its text by the deterministic provider. */
    record Row(long id, float[] vector) { }

    interface Fill { long run(Connection c, List<Row> rows) throws Exception; }

    static void reset(Connection c, int rows) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE items");
            st.execute("INSERT INTO items (id, body) SELECT g, 'row-' || g || ': short benchmark text about topic ' || (g % 97) "
                    + "FROM generate_series(1, " + rows + ") g");
            // Preflight's side tables (absent before its first backfill): forget what it embedded.
            st.execute("DO $$ BEGIN IF to_regclass('preflight.embedding_state') IS NOT NULL THEN "
                    + "DELETE FROM preflight.embedding_state WHERE target = 'items'; "
                    + "DELETE FROM preflight.embedding_issues WHERE target = 'items'; END IF; END $$");
            // ... and their dead rows, or each later run's reads and inserts would step over the earlier runs' deleted keys
            if (exists(st, "preflight.embedding_state")) {
                st.execute("VACUUM preflight.embedding_state, preflight.embedding_issues");
            }
            st.execute("VACUUM FULL items");
            st.execute("VACUUM ANALYZE items");
            // on a durable server, neither timed run pays for writing out the pages the reset or the run before dirtied
            try {
                st.execute("CHECKPOINT");
            } catch (java.sql.SQLException notAllowed) {
                System.err.println("no CHECKPOINT after the reset (" + notAllowed.getMessage().strip() + "): the runs may pay for each other's writes");
            }
        }
    }

    static boolean exists(Statement st, String table) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    static void timed(Connection c, Fill fill) throws Exception {
        long t0 = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, body FROM items WHERE embedding IS NULL ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                texts.add(rs.getString(2));
            }
        }
        List<float[]> vectors = new DeterministicProvider(DIMS).embed(texts);
        List<Row> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            rows.add(new Row(ids.get(i), vectors.get(i)));
        }
        long n = fill.run(c, rows);
        System.out.println(n + " " + (System.nanoTime() - t0) / 1e9);
    }

    /** (a) one UPDATE per row, autocommit, vectors sent in binary (PGvector.registerTypes). */
    static long perRow(Connection c, List<Row> rows) throws Exception {
        PGvector.registerTypes(c);
        try (PreparedStatement ps = c.prepareStatement("UPDATE items SET embedding = ? WHERE id = ?")) {
            for (Row row : rows) {
                ps.setObject(1, new PGvector(row.vector()));
                ps.setLong(2, row.id());
                ps.executeUpdate();
            }
        }
        return rows.size();
    }

    /** (b) one binary COPY of every (id, vector) into a temp table, then one join UPDATE, in one transaction. */
    static long copy(Connection c, List<Row> rows) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(11 + 8 + rows.size() * (2 + 4 + 8 + 4 + 4 + 4 * DIMS) + 2);
        out.put(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0}).putInt(0).putInt(0);
        for (Row row : rows) {
            out.putShort((short) 2).putInt(8).putLong(row.id());
            out.putInt(4 + 4 * DIMS).putShort((short) DIMS).putShort((short) 0);
            out.asFloatBuffer().put(row.vector());
            out.position(out.position() + 4 * DIMS);
        }
        out.putShort((short) -1);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE x (id bigint, v vector(" + DIMS + ")) ON COMMIT DROP");
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY x FROM STDIN (FORMAT binary)", new ByteArrayInputStream(out.array()));
            st.executeUpdate("UPDATE items t SET embedding = x.v FROM x WHERE t.id = x.id");
        }
        c.commit();
        return rows.size();
    }
}
