package dev.preflight.job.retune;

import dev.preflight.report.VectorIndexSection.ProbeResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Measures recall@k of a vector index against exact search, with query vectors drawn from the table:
 * exact answers come from the same query with index scans disabled in its transaction, approximate
 * ones with the index's search setting ({@code ivfflat.probes}, {@code hnsw.ef_search}) set locally.
 * Rows are identified by ctid, so tables without a key are measured too.
 */
final class RecallMeasurer {

    /** Exact answers to the sample queries, and how long exact search took. */
    record Truth(List<String> queries, List<Set<String>> answers, double exactP50Millis) {
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

    long countRows() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + index.qualifiedTable() + " WHERE " + index.rowFilter())) {
            rs.next();
            long n = rs.getLong(1);
            connection.commit();
            return n;
        }
    }

    /** Draws up to {@code n} query vectors from the table, repeatably for the same data. */
    List<String> sample(int n) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            st.execute(RetuneSql.SEED);
            try (ResultSet rs = st.executeQuery("SELECT (" + index.keyExpression() + ")::text FROM " + index.qualifiedTable()
                    + " WHERE " + index.rowFilter() + " ORDER BY random() LIMIT " + n)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        connection.commit();
        return out;
    }

    Truth exact(List<String> queries) throws SQLException {
        List<Set<String>> answers = new ArrayList<>();
        double[] millis = new double[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long t0 = System.nanoTime();
            answers.add(search(RetuneSql.EXACT_SEARCH, queries.get(i)));
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new Truth(queries, answers, percentile(millis, 0.50));
    }

    /** Recall@k and latency with {@code setting = value} (for example ivfflat.probes = 4). */
    ProbeResult at(String setting, int value, Truth truth) throws SQLException {
        String settings = RetuneSql.FORCE_INDEX + "; SET LOCAL " + setting + " = " + value;
        double[] millis = new double[truth.queries().size()];
        double recallSum = 0;
        for (int i = 0; i < truth.queries().size(); i++) {
            long t0 = System.nanoTime();
            Set<String> got = search(settings, truth.queries().get(i));
            millis[i] = (System.nanoTime() - t0) / 1e6;
            Set<String> expected = truth.answers().get(i);
            got.retainAll(expected);
            recallSum += expected.isEmpty() ? 1.0 : (double) got.size() / expected.size();
        }
        int n = Math.max(1, truth.queries().size());
        return new ProbeResult(value, round(recallSum / n, 4), round(percentile(millis, 0.50), 3), round(percentile(millis, 0.95), 3));
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
                return plan.toString().contains(" " + index.name() + " ") || plan.toString().contains(" " + index.name() + "\n")
                        || plan.toString().contains(index.qualified(index.name()));
            }
        } finally {
            connection.rollback();
        }
    }

    private Set<String> search(String settings, String query) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement st = connection.createStatement()) {
            st.execute(settings);
            try (PreparedStatement ps = connection.prepareStatement(searchSql())) {
                ps.setString(1, query);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        connection.commit();
        return out;
    }

    private String searchSql() {
        String where = index.predicate() == null ? "" : " WHERE " + index.predicate();
        return "SELECT ctid::text FROM " + index.qualifiedTable() + where + " ORDER BY " + index.keyExpression() + " "
                + index.operator() + " CAST(? AS " + index.keyType() + ") LIMIT " + k;
    }

    /** The q-quantile (0..1) by the nearest-rank method; 0 for no values. */
    static double percentile(double[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
