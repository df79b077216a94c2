package dev.preflight.check.index;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.db.Catalog;
import dev.preflight.db.VectorCensus;
import dev.preflight.report.DatabaseInfo.VectorIndex;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * IDX001: IVFFlat indexes are trained on the data they index. pgvector trains IVFFlat lists when
 * the index is built; built on an empty column its centres stay random forever and recall
 * collapses (measured: 0.10 at probes=1) with no error. An index that holds no vectors is flagged
 * outright; on a filled one a small recall probe (index forced against exact search, at the
 * current probes) tells an untrained index from a trained one. Rebuild after loading data
 * ({@code ./preflight retune}, or REINDEX INDEX CONCURRENTLY).
 */
public final class TrainedIvfflatCheck implements Check {

    /** Below this recall@10 at the current probes, the index is reported as untrained or mistuned. */
    static final double MIN_RECALL = 0.8;
    private static final int K = 10;

    @Override
    public String id() {
        return "IDX001";
    }

    @Override
    public String title() {
        return "IVFFlat indexes are trained on their data (not built on empty columns)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws Exception {
        VectorCensus census = ctx.vectorCensus();
        List<Finding> out = new ArrayList<>();
        for (VectorIndex ix : census.indexes()) {
            if (!ix.method().equals("ivfflat") || !ix.valid()) {
                continue;
            }
            // the rows the index holds, counted: a partial or expression index is judged by its own rows
            if (ix.indexedRows() == 0) {
                out.add(finding("index " + ix.name(), "IVFFlat index " + ix.name() + " (lists=" + ix.lists() + ") on "
                                + ix.table() + (ix.column() == null ? "" : "." + ix.column()) + " holds no vectors: its centres "
                                + "are untrained and will stay so after data arrives, silently wrecking recall",
                        "built after the data exists", "0 vectors in the index",
                        "after the backfill, run ./preflight retune (or REINDEX INDEX CONCURRENTLY " + ix.name() + ")"));
                continue;
            }
            if (ix.column() == null || ix.predicate() != null) {
                continue; // the probe orders by the column over the whole table: it cannot force an expression or partial index
            }
            long vectors = ix.indexedRows();
            int samples = vectors > 50_000 ? 5 : 10;
            double recall = probeRecall(ctx.connection(), ix, samples);
            if (recall < MIN_RECALL) {
                out.add(finding("index " + ix.name(), String.format(Locale.ROOT,
                                "IVFFlat index %s returns recall@%d of %.2f against exact search at the current ivfflat.probes "
                                        + "(measured on %d sample queries over %d vectors): it was built before the data existed, or its "
                                        + "lists and probes do not fit the data", ix.name(), K, recall, samples, vectors),
                        "recall@" + K + " >= " + MIN_RECALL, String.format(Locale.ROOT, "%.2f", recall),
                        vectors < 5_000
                                ? "on a table this small, REINDEX INDEX CONCURRENTLY " + ix.name()
                                        + " (or drop the index until the table grows: exact search is fast there)"
                                : "run ./preflight retune to measure it, rebuild it online and choose ivfflat.probes"));
            }
        }
        return out;
    }

    /**
     * Mean recall@K of the index (forced) against exact search, for sample rows' own vectors as held-out
     * queries: each query's own row is removed from both answers (K+1 rows fetched), so no query is
     * credited for finding itself; an answer row counts when it is no farther than the exact K-th.
     */
    static double probeRecall(Connection c, VectorIndex ix, int samples) throws SQLException {
        String table = Catalog.quoteTable(ix.table());
        String col = Catalog.ident(ix.column());
        String op = switch (ix.opclass() == null ? "" : ix.opclass()) {
            case "vector_cosine_ops", "halfvec_cosine_ops" -> "<=>";
            case "vector_ip_ops", "halfvec_ip_ops" -> "<#>";
            default -> "<->";
        };
        List<String[]> queries = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ctid::text, " + col + "::text FROM " + table + " WHERE " + col + " IS NOT NULL"
                     // a zero vector's cosine distance is NaN: as a query it would rank nothing, and the index leaves it out
                     + (op.equals("<=>") ? " AND (" + col + " <=> " + col + ") < 1" : "") + " ORDER BY ctid LIMIT " + samples)) {
            while (rs.next()) {
                queries.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            double sum = 0;
            for (String[] q : queries) {
                String knn = "SELECT ctid::text, " + col + " " + op + " '" + q[1] + "' FROM " + table + " ORDER BY 2 LIMIT " + (K + 1);
                st.execute("SET LOCAL enable_indexscan = off");
                st.execute("SET LOCAL enable_bitmapscan = off");
                List<Double> exact = distances(st, knn, q[0]);
                st.execute("SET LOCAL enable_indexscan = on");
                st.execute("SET LOCAL enable_seqscan = off");
                List<Double> approx = distances(st, knn, q[0]);
                st.execute("SET LOCAL enable_seqscan = on");
                sum += TiedRecall.of(exact, approx);
            }
            return queries.isEmpty() ? 1 : sum / queries.size();
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }

    /** The distances of the first K rows of the answer other than the query's own row. */
    private static List<Double> distances(Statement st, String sql, String self) throws SQLException {
        List<Double> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next() && out.size() < K) {
                if (!rs.getString(1).equals(self)) {
                    out.add(rs.getDouble(2));
                }
            }
        }
        return out;
    }
}
