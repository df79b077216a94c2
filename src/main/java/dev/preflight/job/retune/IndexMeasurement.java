package dev.preflight.job.retune;

import dev.preflight.report.VectorIndexSection.Measurement;
import dev.preflight.report.VectorIndexSection.ProbeResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one index: rows with a vector, then (above the minimum rows) recall@k with its interval
 * and latency for a ladder of probes (IVFFlat: 1, 2, 4, ... up to lists, refined between the last
 * miss and the first hit of the target) or ef_search values (HNSW, up to a latency budget). A
 * setting meets the target when its interval's lower bound does; the number of held-out queries
 * doubles until the interval at the chosen setting is within {@link #HALF_WIDTH} (or the cap).
 */
final class IndexMeasurement {

    private static final Logger log = LoggerFactory.getLogger(IndexMeasurement.class);
    /** HNSW's search-width ladder (pgvector's default ef_search is 40, its maximum 1000); values not above k are skipped. */
    static final List<Integer> EF_SEARCH_LADDER = List.of(10, 20, 40, 80, 160, 320, 640, 1000);
    /** The widest half-width of the recall interval the chosen setting may have, while queries can still be added. */
    static final double HALF_WIDTH = 0.02;
    /**
     * HNSW's latency budget as a share of exact search's median: a wider ef_search than this buys
     * recall at a price where exact search is the better answer.
     */
    static final double LATENCY_BUDGET_SHARE = 0.5;

    private final RetuneSettings settings;

    IndexMeasurement(RetuneSettings settings) {
        this.settings = settings;
    }

    /** Measures {@code ix}, refining the probes ladder; {@code buildMillis} is recorded as given (null when Preflight did not build it). */
    Measurement measure(Connection c, VectorIndexTarget ix, Long buildMillis) throws SQLException {
        return measure(c, ix, buildMillis, (rows, ladder) -> true);
    }

    /**
     * Measures {@code ix}; the power-of-two ladder is refined towards the smallest probes meeting the
     * target only when {@code refine} says the index stays (refining one about to be rebuilt wastes minutes).
     */
    Measurement measure(Connection c, VectorIndexTarget ix, Long buildMillis, BiPredicate<Long, List<ProbeResult>> refine)
            throws SQLException {
        RecallMeasurer m = new RecallMeasurer(c, ix, settings.config().k());
        long rows = m.countRows();
        boolean hnsw = !ix.method().equals("ivfflat");
        Integer recommended = hnsw ? null : IvfflatAdvice.recommendedLists(rows);
        if (rows < settings.config().minRows() || !ix.valid()) { // an invalid index is never used by queries
            return new Measurement(rows, ix.lists(), recommended, ix.sizeBytes(), buildMillis, null, List.of());
        }
        long t0 = System.nanoTime();
        Ladder ladder = new Ladder(m, ix, hnsw, m.exact(m.sample(settings.config().queries())));
        if (ladder.truth.size() > 0 && !m.planUsesIndex(ladder.truth.queries().get(0).vector())) {
            log.warn("{}: the planner answers nearest-neighbour queries through another index; the recall measured is that plan's", ix.name());
        }
        while (true) {
            if (hnsw) {
                climbEfSearch(ladder);
            } else {
                climbProbes(ladder, rows, refine);
            }
            if (!ladder.widen(focus(ladder.results(), settings.targetRecall()), settings.targetRecall(), settings.config().maxQueries())) {
                break;
            }
        }
        List<ProbeResult> results = ladder.results();
        log.info(String.format(Locale.ROOT, "%s: %,d rows, exact search p50 %.1f ms, %d settings measured on %d held-out queries in %.1f s",
                ix.name(), rows, ladder.truth.exactP50Millis(), results.size(), ladder.truth.size(), (System.nanoTime() - t0) / 1e9));
        return new Measurement(rows, ix.lists(), recommended, ix.sizeBytes(), buildMillis,
                RecallMeasurer.round(ladder.truth.exactP50Millis(), 3), results);
    }

    /**
     * The setting whose interval must be narrow: the chosen one (smallest meeting the target by its
     * lower bound), else the best measured while its upper bound still reaches the target (more
     * queries may decide it), else none (the target is clearly missed).
     */
    static ProbeResult focus(List<ProbeResult> ladder, double target) {
        ProbeResult chosen = IvfflatAdvice.smallestMeeting(ladder, target);
        if (chosen != null) {
            return chosen;
        }
        return ladder.stream().max(Comparator.comparingDouble(ProbeResult::recall)).filter(p -> p.upper() >= target).orElse(null);
    }

    private void climbProbes(Ladder ladder, long rows, BiPredicate<Long, List<ProbeResult>> refine) throws SQLException {
        int start = IvfflatAdvice.startingProbes(ladder.index.lists());
        for (int probes : IvfflatAdvice.ladder(ladder.index.lists())) {
            ProbeResult r = ladder.measure(probes);
            if (probes >= start && r.lower() >= settings.targetRecall()) {
                break; // wider probes only cost time: the chart shows where the target was crossed
            }
        }
        Integer mid;
        while (refine.test(rows, ladder.results()) && (mid = IvfflatAdvice.bisect(ladder.results(), settings.targetRecall())) != null) {
            ladder.measure(mid);
        }
    }

    private void climbEfSearch(Ladder ladder) throws SQLException {
        double budget = LATENCY_BUDGET_SHARE * ladder.truth.exactP50Millis();
        for (int ef : efSearchLadder(settings.config().k())) {
            ProbeResult r = ladder.measure(ef);
            if (r.lower() >= settings.targetRecall() || r.p50Millis() > budget) {
                break; // met, or past the latency budget: a wider search is not worth it
            }
        }
    }

    /** The ef_search values above k (a search narrower than k+1 cannot return k neighbours besides the query's own row). */
    static List<Integer> efSearchLadder(int k) {
        return EF_SEARCH_LADDER.stream().filter(ef -> ef > k).toList();
    }

    /** The settings measured so far on one growing set of held-out queries. */
    private static final class Ladder {

        final RecallMeasurer m;
        final VectorIndexTarget index;
        final boolean hnsw;
        RecallMeasurer.Truth truth;
        private final Map<Integer, List<Double>> recalls = new LinkedHashMap<>();
        private final Map<Integer, List<Double>> millis = new LinkedHashMap<>();

        Ladder(RecallMeasurer m, VectorIndexTarget index, boolean hnsw, RecallMeasurer.Truth truth) {
            this.m = m;
            this.index = index;
            this.hnsw = hnsw;
            this.truth = truth;
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
            return RecallMeasurer.result(hnsw, value, recalls.get(value), millis.get(value), m.k());
        }

        List<ProbeResult> results() {
            return recalls.keySet().stream().sorted().map(this::result).toList();
        }

        /**
         * Doubles the held-out queries (up to {@code max}) when the focus setting's interval is wider than
         * {@link #HALF_WIDTH}, and measures every setting so far on the new ones; false when nothing was added.
         */
        boolean widen(ProbeResult focus, double target, int max) throws SQLException {
            if (focus == null || (focus.upper() - focus.lower()) / 2 <= HALF_WIDTH || truth.size() >= max) {
                return false;
            }
            int before = truth.size();
            truth = m.extend(truth, m.sample(Math.min(max, 2 * before)));
            if (truth.size() == before) {
                return false; // the table has no more rows to draw
            }
            for (int value : recalls.keySet()) {
                m.at(setting(), value, truth, before, recalls.get(value), millis.get(value));
            }
            log.info(String.format(Locale.ROOT, "%s: recall interval at %s=%d was +-%.3f: %d held-out queries now", index.name(),
                    hnsw ? "ef_search" : "probes", focus.value(), (focus.upper() - focus.lower()) / 2, truth.size()));
            return true;
        }

        private void log(ProbeResult r) {
            IndexMeasurement.log.info(String.format(Locale.ROOT, "%s: %s=%d recall@k %.3f [%.3f, %.3f] over %d queries, p50 %.2f ms, p95 %.2f ms",
                    index.name(), hnsw ? "ef_search" : "probes", r.value(), r.recall(), r.lower(), r.upper(), r.queries(),
                    r.p50Millis(), r.p95Millis()));
        }
    }
}
