package dev.preflight.job.retune;

import dev.preflight.job.retune.RecallStatistics.Neighbour;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Measures recall@k of a vector index against exact search with held-out queries: query vectors
 * are drawn from the table, and each query's own row is removed from both the exact and the index
 * answer (k+1 rows are fetched), so no query is credited for finding itself. Exact answers come
 * from the same query with index scans disabled in its transaction; approximate ones with the
 * index's search setting ({@code ivfflat.probes}, {@code hnsw.ef_search}) set locally. Rows are
 * identified by ctid, so tables without a key are measured too; a row counts as found when it is
 * no farther than the exact k-th neighbour, so tied duplicates are not misses. Recall carries a 95%
 * interval over the queries ({@link RecallStatistics#interval}).
 */
final class RecallMeasurer {

    /**
     * One held-out query: its own row (excluded from every answer), or for a vector held out of the
     * index ({@link HeldOutCopy}) a key that names no row; and its vector.
     */
    record Query(String self, String vector) {
    }

    /** Exact answers (own row removed, k rows) to the sample queries, and how long exact search took. */
    record Truth(List<Query> queries, List<List<Neighbour>> answers, List<Double> exactMillis) {

        double exactP50Millis() {
            return RecallStatistics.percentile(exactMillis.stream().mapToDouble(Double::doubleValue).toArray(), 0.50);
        }

        int size() {
            return queries.size();
        }
    }

    private final Connection connection;
    private final VectorIndexTarget index;
    private final int k;

    /** The connection is switched to manual commit: every query runs in its own transaction with its own settings. */
    RecallMeasurer(Connection connection, VectorIndexTarget index, int k) throws SQLException {
        this.connection = connection;
        this.index = index;
        this.k = k;
        connection.setAutoCommit(false);
    }

    int k() {
        return k;
    }

    long countRows() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + index.qualifiedTable() + " WHERE " + index.rowFilter())) {
            rs.next();
            long n = rs.getLong(1);
            connection.commit();
            return n;
        }
    }

    /**
     * Draws up to {@code n} query rows from the table, repeatably for the same data: the same seed
     * gives every row the same random key, so a larger sample extends a smaller one.
     */
    List<Query> sample(int n) throws SQLException {
        List<Query> out = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            st.execute(RetuneSql.SEED);
            try (ResultSet rs = st.executeQuery("SELECT ctid::text, (" + index.keyExpression() + ")::text FROM " + index.qualifiedTable()
                    + " WHERE " + index.rowFilter() + " ORDER BY random() LIMIT " + n)) {
                while (rs.next()) {
                    out.add(new Query(rs.getString(1), rs.getString(2)));
                }
            }
        }
        connection.commit();
        return out;
    }

    Truth exact(List<Query> queries) throws SQLException {
        return extend(new Truth(List.of(), List.of(), List.of()), queries);
    }

    /** {@code truth} plus the exact answers of those {@code queries} it does not hold yet. */
    Truth extend(Truth truth, List<Query> queries) throws SQLException {
        List<Query> qs = new ArrayList<>(truth.queries());
        List<List<Neighbour>> answers = new ArrayList<>(truth.answers());
        List<Double> millis = new ArrayList<>(truth.exactMillis());
        Set<String> known = new HashSet<>();
        truth.queries().forEach(q -> known.add(q.self()));
        for (Query q : queries) {
            if (!known.add(q.self())) {
                continue;
            }
            long t0 = System.nanoTime();
            List<Neighbour> exact = search(RetuneSql.EXACT_SEARCH, q.vector());
            millis.add((System.nanoTime() - t0) / 1e6);
            qs.add(q);
            answers.add(RecallStatistics.firstK(q.self(), exact, k));
        }
        return new Truth(qs, answers, millis);
    }

    /**
     * Per-query recall and latency with {@code setting = value} (for example ivfflat.probes = 4), for the
     * queries of {@code truth} from index {@code from} on: {@code recalls} and {@code millis} receive them.
     */
    void at(String setting, int value, Truth truth, int from, List<Double> recalls, List<Double> millis) throws SQLException {
        String settings = RetuneSql.FORCE_INDEX + "; SET LOCAL " + setting + " = " + value;
        for (int i = from; i < truth.size(); i++) {
            long t0 = System.nanoTime();
            List<Neighbour> got = search(settings, truth.queries().get(i).vector());
            millis.add((System.nanoTime() - t0) / 1e6);
            recalls.add(RecallStatistics.queryRecallByDistance(truth.queries().get(i).self(), truth.answers().get(i), got, k));
        }
    }

    /** Whether the planner answers the nearest-neighbour query through this index (and not another one). */
    boolean planUsesIndex(String query) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(RetuneSql.FORCE_INDEX);
            try (PreparedStatement ps = connection.prepareStatement("EXPLAIN " + searchSql())) {
                ps.setString(1, query);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                // EXPLAIN prints the name quoted when it needs quotes ("Doc IVF"), bare otherwise
                String text = plan.toString();
                for (String name : List.of(index.name(), dev.preflight.db.Catalog.ident(index.name()))) {
                    if (text.contains(" " + name + " ") || text.contains(" " + name + "\n")) {
                        return true;
                    }
                }
                return text.contains(index.qualified(index.name()));
            }
        } finally {
            connection.rollback();
        }
    }

    private List<Neighbour> search(String settings, String query) throws SQLException {
        List<Neighbour> out = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            st.execute(settings);
            try (PreparedStatement ps = connection.prepareStatement(searchSql())) {
                ps.setString(1, query);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Neighbour(rs.getString(1), rs.getDouble(2)));
                    }
                }
            }
        }
        connection.commit();
        return out;
    }

    /** k+1 rows with their distances: the query's own row is dropped from the answer, the other k stay. */
    private String searchSql() {
        String where = index.predicate() == null ? "" : " WHERE " + index.predicate();
        // ORDER BY the distance column itself: the one expression the index answers, read once per row
        return "SELECT ctid::text, " + index.keyExpression() + " " + index.operator() + " CAST(? AS " + index.keyType() + ") AS distance FROM "
                + index.qualifiedTable() + where + " ORDER BY 2 LIMIT " + (k + 1);
    }
}
