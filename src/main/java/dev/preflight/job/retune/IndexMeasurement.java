package dev.preflight.job.retune;

import dev.preflight.report.VectorIndexTuning.Measurement;
import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one index: rows with a vector, then (above the minimum rows) recall@k with its interval
 * and latency for a ladder of probes (IVFFlat: 1, 2, 4, ... up to lists, refined between the last
 * miss and the first hit of the target) or ef_search values (HNSW, up to a latency budget, on a
 * copy of the graph that its queries were held out of). A setting meets the target when its
 * interval's lower bound does; the number of held-out queries doubles until the interval at the
 * chosen setting is within {@link #HALF_WIDTH} and no cheaper setting's interval straddles the
 * target (or the cap).
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
     * IVFFlat is measured in place with rows of the table as queries (their own row removed); HNSW on a
     * copy of the same graph with the queries held out of it ({@link #measureHeldOut}).
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
        if (hnsw) {
            Measurement copy = measureHeldOut(c, ix, "holdout", rows, ix.m() == null ? HnswAdvice.DEFAULT_M : ix.m(),
                    ix.efConstruction() == null ? HnswAdvice.DEFAULT_EF_CONSTRUCTION : ix.efConstruction());
            return new Measurement(rows, null, null, ix.sizeBytes(), buildMillis, copy.exactP50Millis(), copy.ladder());
        }
        RecallLadder ladder = climb(new RecallLadder(m, ix, ix.name(), false, m::sample), rows, refine);
        return new Measurement(rows, ix.lists(), recommended, ix.sizeBytes(), buildMillis,
                RecallStatistics.round(ladder.truth.exactP50Millis(), 3), ladder.results());
    }

    /**
     * Measures an HNSW graph of {@code m} and {@code efConstruction} on {@code source}'s vectors with
     * queries it has never seen: a copy less {@code maxQueries} held-out vectors ({@link HeldOutCopy}),
     * dropped afterwards. The result's size and build time are the copy's.
     */
    Measurement measureHeldOut(Connection c, VectorIndexTarget source, String tag, long rows, int m, int efConstruction)
            throws SQLException {
        try (HeldOutCopy copy = HeldOutCopy.build(c, source, tag, m, efConstruction, settings.config().maxQueries())) {
            RecallMeasurer measurer = new RecallMeasurer(c, copy.index(), settings.config().k());
            List<RecallMeasurer.Query> held = copy.queries();
            RecallLadder ladder = climb(new RecallLadder(measurer, copy.index(), source.name() + " (held-out copy)", true,
                    n -> held.subList(0, Math.min(n, held.size()))), rows, (r, l) -> true);
            return new Measurement(rows, null, null, copy.index().sizeBytes(), copy.buildMillis(),
                    RecallStatistics.round(ladder.truth.exactP50Millis(), 3), ladder.results());
        }
    }

    /** Climbs the ladder from the first {@code queries} held-out queries, doubling them while a setting is unsettled ({@link #focus}). */
    private RecallLadder climb(RecallLadder ladder, long rows, BiPredicate<Long, List<ProbeResult>> refine) throws SQLException {
        long t0 = System.nanoTime();
        ladder.start(settings.config().queries());
        if (ladder.truth.size() > 0 && !ladder.m.planUsesIndex(ladder.truth.queries().get(0).vector())) {
            log.warn("{}: the planner answers nearest-neighbour queries through another index; the recall measured is that plan's",
                    ladder.label);
        }
        while (true) {
            if (ladder.hnsw) {
                climbEfSearch(ladder);
            } else {
                climbProbes(ladder, rows, refine);
            }
            if (!ladder.widen(focus(ladder.results(), settings.targetRecall()), settings.targetRecall(), settings.config().maxQueries())) {
                break;
            }
        }
        log.info(String.format(Locale.ROOT, "%s: %,d rows, exact search p50 %.1f ms, %d settings measured on %d held-out queries in %.1f s",
                ladder.label, rows, ladder.truth.exactP50Millis(), ladder.results().size(), ladder.truth.size(),
                (System.nanoTime() - t0) / 1e9));
        return ladder;
    }

    /**
     * The setting that more queries must settle, or null when none: the chosen one (smallest meeting
     * the target by its lower bound) while its interval is wider than {@link #HALF_WIDTH}; else the
     * largest one below it whose interval still straddles the target (it may prove enough, and cheaper:
     * on uniform data probes 7 of 8 at 0.974 [0.948, 0.987] over 100 queries left every list chosen);
     * with none chosen, the best measured while its upper bound reaches the target.
     */
    static ProbeResult focus(List<ProbeResult> ladder, double target) {
        ProbeResult chosen = IvfflatAdvice.smallestMeeting(ladder, target);
        if (chosen != null && (chosen.upper() - chosen.lower()) / 2 > HALF_WIDTH) {
            return chosen;
        }
        return ladder.stream().filter(p -> chosen == null || p.value() < chosen.value())
                .filter(p -> p.lower() < target && p.upper() >= target)
                .max(Comparator.comparingDouble(ProbeResult::recall)).orElse(null);
    }

    private void climbProbes(RecallLadder ladder, long rows, BiPredicate<Long, List<ProbeResult>> refine) throws SQLException {
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

    private void climbEfSearch(RecallLadder ladder) throws SQLException {
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
}
