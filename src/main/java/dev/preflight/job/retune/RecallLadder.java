package dev.preflight.job.retune;

import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The settings of one index measured so far on one growing set of held-out queries. */
final class RecallLadder {

    private static final Logger log = LoggerFactory.getLogger(IndexMeasurement.class);

    /** Where held-out queries come from: the first {@code n} of a repeatable order, so a larger draw extends a smaller one. */
    @FunctionalInterface
    interface Queries {
        List<RecallMeasurer.Query> first(int n) throws SQLException;
    }

    final RecallMeasurer m;
    final VectorIndexTarget index;
    /** The index as the log names it. */
    final String label;
    final boolean hnsw;
    private final Queries queries;
    RecallMeasurer.Truth truth;
    private final Map<Integer, List<Double>> recalls = new LinkedHashMap<>();
    private final Map<Integer, List<Double>> millis = new LinkedHashMap<>();

    RecallLadder(RecallMeasurer m, VectorIndexTarget index, String label, boolean hnsw, Queries queries) {
        this.m = m;
        this.index = index;
        this.label = label;
        this.hnsw = hnsw;
        this.queries = queries;
    }

    void start(int n) throws SQLException {
        truth = m.exact(queries.first(n));
    }

    String setting() {
        return hnsw ? "hnsw.ef_search" : "ivfflat.probes";
    }

    /** The setting's result on every query so far, measuring it first when it is new. */
    ProbeResult measure(int value) throws SQLException {
        if (!recalls.containsKey(value)) {
            List<Double> r = new ArrayList<>();
            List<Double> ms = new ArrayList<>();
            m.at(setting(), value, truth, 0, r, ms);
            recalls.put(value, r);
            millis.put(value, ms);
            log(result(value));
        }
        return result(value);
    }

    ProbeResult result(int value) {
        return RecallStatistics.result(hnsw, value, recalls.get(value), millis.get(value), m.k());
    }

    List<ProbeResult> results() {
        return recalls.keySet().stream().sorted().map(this::result).toList();
    }

    /**
     * Doubles the held-out queries (up to {@code max}) when a setting is unsettled ({@code focus}, see
     * {@link IndexMeasurement#focus}), and measures every setting so far on the new ones; false when nothing was added.
     */
    boolean widen(ProbeResult focus, double target, int max) throws SQLException {
        if (focus == null || truth.size() >= max) {
            return false;
        }
        int before = truth.size();
        truth = m.extend(truth, queries.first(Math.min(max, 2 * before)));
        if (truth.size() == before) {
            return false; // no more rows to draw
        }
        for (int value : recalls.keySet()) {
            m.at(setting(), value, truth, before, recalls.get(value), millis.get(value));
        }
        log.info(String.format(Locale.ROOT, "%s: recall at %s=%d was %.3f [%.3f, %.3f] against the target %.2f: %d held-out queries now",
                label, hnsw ? "ef_search" : "probes", focus.value(), focus.recall(), focus.lower(), focus.upper(), target, truth.size()));
        return true;
    }

    private void log(ProbeResult r) {
        log.info(String.format(Locale.ROOT, "%s: %s=%d recall@k %.3f [%.3f, %.3f] over %d queries, p50 %.2f ms, p95 %.2f ms",
                label, hnsw ? "ef_search" : "probes", r.value(), r.recall(), r.lower(), r.upper(), r.queries(),
                r.p50Millis(), r.p95Millis()));
    }
}
