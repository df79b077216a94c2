import com.pgvector.PGvector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;

/**
 * The benchmark's baselines, outside Preflight: reset the table, then fill every embedding by
 * (a) one UPDATE per row (autocommit, binary vectors) or (b) one binary COPY into a temp table and
 * one join UPDATE. Prints "rows seconds".
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

    interface Fill { long run(Connection c, List<Long> ids) throws Exception; }

    static void reset(Connection c, int rows) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE items");
            st.execute("INSERT INTO items (id, body) SELECT g, 'row-' || g || ': short benchmark text about topic ' || (g % 97) "
                    + "FROM generate_series(1, " + rows + ") g");
            // Preflight's side tables (absent before its first backfill): forget what it embedded.
            st.execute("DO $$ BEGIN IF to_regclass('preflight.embedding_state') IS NOT NULL THEN "
                    + "DELETE FROM preflight.embedding_state WHERE target = 'items'; "
                    + "DELETE FROM preflight.embedding_issues WHERE target = 'items'; END IF; END $$");
            st.execute("VACUUM FULL items");
            st.execute("VACUUM ANALYZE items");
        }
    }

    static void timed(Connection c, Fill fill) throws Exception {
        long t0 = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM items WHERE embedding IS NULL ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        long n = fill.run(c, ids);
        System.out.println(n + " " + (System.nanoTime() - t0) / 1e9);
    }

    static float[] vector(SplittableRandom r) {
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) r.nextDouble();
        }
        return v;
    }

    /** (a) one UPDATE per row, autocommit, vectors sent in binary (PGvector.registerTypes). */
    static long perRow(Connection c, List<Long> ids) throws Exception {
        PGvector.registerTypes(c);
        SplittableRandom r = new SplittableRandom(1);
        try (PreparedStatement ps = c.prepareStatement("UPDATE items SET embedding = ? WHERE id = ?")) {
            for (long id : ids) {
                ps.setObject(1, new PGvector(vector(r)));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
        }
        return ids.size();
    }

    /** (b) one binary COPY of every (id, vector) into a temp table, then one join UPDATE, in one transaction. */
    static long copy(Connection c, List<Long> ids) throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0});
            out.writeInt(0);
            out.writeInt(0);
            for (long id : ids) {
                out.writeShort(2);
                out.writeInt(8);
                out.writeLong(id);
                out.writeInt(4 + 4 * DIMS);
                out.writeShort(DIMS);
                out.writeShort(0);
                for (float f : vector(r)) {
                    out.writeFloat(f);
                }
            }
            out.writeShort(-1);
        }
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE x (id bigint, v vector(" + DIMS + ")) ON COMMIT DROP");
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY x FROM STDIN (FORMAT binary)", new ByteArrayInputStream(bytes.toByteArray()));
            st.executeUpdate("UPDATE items t SET embedding = x.v FROM x WHERE t.id = x.id");
        }
        c.commit();
        return ids.size();
    }
}
