package dev.preflight.job.retune;

import dev.preflight.db.Catalog;
import dev.preflight.db.CatalogQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A copy of an index's vectors in Preflight's schema with a random sample of them held out, under
 * an HNSW index of the given {@code m} and {@code ef_construction}: the held-out vectors are queries
 * the graph has never seen, as a user's are. Rows of the table cannot serve: a row's own vector
 * lands on its node, whose links already hold its nearest neighbours (uniform data: recall 0.98 at
 * ef_search 20 for rows, 0.72 for fresh vectors). The copy is private, so concurrent writes to the
 * table cannot bring a held-out vector back; {@link #close} drops it, and a leftover of an
 * interrupted run is dropped by the next.
 */
final class HeldOutCopy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeldOutCopy.class);

    private final Connection connection;
    private final String table;
    private VectorIndexTarget index;
    private List<RecallMeasurer.Query> queries = List.of();
    private long buildMillis;

    private HeldOutCopy(Connection connection, String table) {
        this.connection = connection;
        this.table = table;
    }

    /**
     * Copies {@code source}'s vectors, holds {@code held} of them out (repeatably: {@link RetuneSql#SEED})
     * and builds the HNSW index on the rest; {@code tag} keeps copies of different purposes apart.
     */
    static HeldOutCopy build(Connection c, VectorIndexTarget source, String tag, int m, int efConstruction, int held) throws SQLException {
        String name = "retune_" + tag + "_" + source.oid();
        HeldOutCopy copy = new HeldOutCopy(c, Catalog.ident(CatalogQueries.PREFLIGHT_SCHEMA) + "." + Catalog.ident(name));
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + copy.table);
            st.execute("CREATE TABLE " + copy.table + " (v " + source.keyType() + ")");
            st.execute("INSERT INTO " + copy.table + " SELECT " + source.keyExpression() + " FROM " + source.qualifiedTable()
                    + " WHERE " + source.rowFilter());
            copy.holdOut(st, held);
            long t0 = System.nanoTime();
            st.execute("CREATE INDEX " + Catalog.ident(name + "_idx") + " ON " + copy.table + " USING hnsw (v " + source.opclass()
                    + ") WITH (m = " + m + ", ef_construction = " + efConstruction + ")");
            copy.buildMillis = (System.nanoTime() - t0) / 1_000_000;
            st.execute("ANALYZE " + copy.table);
            copy.index = VectorIndexTarget.read(c, CatalogQueries.PREFLIGHT_SCHEMA, name + "_idx");
            log.info("{}: {} vectors held out of an HNSW copy (m={}, ef_construction={}) built in {} ms", source.name(),
                    copy.queries.size(), m, efConstruction, copy.buildMillis);
            return copy;
        } catch (SQLException e) {
            SQLException failed = new SQLException("retune: building " + copy.table + ", the held-out copy that measures " + source.name()
                    + "'s recall: " + e.getMessage() + ". It needs room for the table's vectors and an HNSW build in the preflight "
                    + "schema; free space there, or retune the other indexes by name (--index)", e.getSQLState(), e);
            copy.dropAfterFailure(failed);
            throw failed;
        } catch (RuntimeException e) {
            copy.dropAfterFailure(e);
            throw e;
        }
    }

    /**
     * Draws the held-out rows from the copy and deletes them there: they become queries whose key
     * ({@code held-out N}) names no row, so no answer is shortened by removing one.
     */
    private void holdOut(Statement st, int held) throws SQLException {
        List<RecallMeasurer.Query> out = new ArrayList<>();
        List<String> ctids = new ArrayList<>();
        st.execute(RetuneSql.SEED);
        try (ResultSet rs = st.executeQuery("SELECT ctid::text, v::text FROM " + table + " ORDER BY random() LIMIT " + held)) {
            while (rs.next()) {
                ctids.add('"' + rs.getString(1) + '"');
                out.add(new RecallMeasurer.Query("held-out " + out.size(), rs.getString(2)));
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table + " WHERE ctid = ANY (CAST(? AS tid[]))")) {
            ps.setString(1, "{" + String.join(",", ctids) + "}");
            ps.executeUpdate();
        }
        queries = List.copyOf(out);
    }

    /** The HNSW index on the copy. */
    VectorIndexTarget index() {
        return index;
    }

    /** The held-out vectors, in the order drawn: a prefix of them is a smaller sample. */
    List<RecallMeasurer.Query> queries() {
        return queries;
    }

    long buildMillis() {
        return buildMillis;
    }

    private void dropAfterFailure(Exception failure) {
        try {
            close();
        } catch (SQLException dropFailed) {
            failure.addSuppressed(dropFailed);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
