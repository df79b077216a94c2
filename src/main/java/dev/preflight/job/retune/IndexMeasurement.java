package dev.preflight.job.retune;

import dev.preflight.report.VectorIndexSection.Measurement;
import dev.preflight.report.VectorIndexSection.ProbeResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one index: rows with a vector, then (above the minimum rows) recall@k and latency for a
 * ladder of probes (IVFFlat: 1, 2, 4, ... up to lists, refined between the last miss and the first
 * hit of the target) or ef_search values (HNSW).
 */
final class IndexMeasurement {

    private static final Logger log = LoggerFactory.getLogger(IndexMeasurement.class);
    /** HNSW's search-width ladder; pgvector's default ef_search is 40. */
    static final List<Integer> EF_SEARCH_LADDER = List.of(10, 20, 40, 80, 160, 320);
    /** Recall this close to 1 cannot improve: stop climbing the ladder. */
    private static final double PERFECT = 0.999;

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
        int recommended = IvfflatAdvice.recommendedLists(rows);
        if (rows < settings.config().minRows() || !ix.valid()) { // an invalid index is never used by queries
            return new Measurement(rows, ix.lists(), recommended, ix.sizeBytes(), buildMillis, null, List.of());
        }
        long t0 = System.nanoTime();
        RecallMeasurer.Truth truth = m.exact(m.sample(settings.config().queries()));
        if (!truth.queries().isEmpty() && !m.planUsesIndex(truth.queries().get(0))) {
            log.warn("{}: the planner answers nearest-neighbour queries through another index; the recall measured is that plan's", ix.name());
        }
        List<ProbeResult> ladder = ix.method().equals("ivfflat") ? ivfflat(m, ix, truth, rows, refine) : hnsw(m, ix, truth);
        log.info(String.format(Locale.ROOT, "%s: %,d rows, exact search p50 %.1f ms, %d settings measured in %.1f s", ix.name(), rows,
                truth.exactP50Millis(), ladder.size(), (System.nanoTime() - t0) / 1e9));
        return new Measurement(rows, ix.lists(), recommended, ix.sizeBytes(), buildMillis,
                RecallMeasurer.round(truth.exactP50Millis(), 3), ladder);
    }

    private List<ProbeResult> ivfflat(RecallMeasurer m, VectorIndexTarget ix, RecallMeasurer.Truth truth, long rows,
                                      BiPredicate<Long, List<ProbeResult>> refine) throws SQLException {
        List<ProbeResult> out = new ArrayList<>();
        int start = IvfflatAdvice.startingProbes(ix.lists());
        for (int probes : IvfflatAdvice.ladder(ix.lists())) {
            out.add(logged(ix, "probes", m.at("ivfflat.probes", probes, truth)));
            if (probes >= start && out.get(out.size() - 1).recall() >= settings.targetRecall()) {
                break; // wider probes only cost time: the chart shows where the target was crossed
            }
        }
        Integer mid;
        while (refine.test(rows, out) && (mid = IvfflatAdvice.bisect(out, settings.targetRecall())) != null) {
            out.add(logged(ix, "probes", m.at("ivfflat.probes", mid, truth)));
        }
        out.sort(Comparator.comparingInt(ProbeResult::probes));
        return out;
    }

    private List<ProbeResult> hnsw(RecallMeasurer m, VectorIndexTarget ix, RecallMeasurer.Truth truth) throws SQLException {
        List<ProbeResult> out = new ArrayList<>();
        for (int ef : EF_SEARCH_LADDER) {
            out.add(logged(ix, "ef_search", m.at("hnsw.ef_search", ef, truth)));
            if (out.get(out.size() - 1).recall() >= PERFECT) {
                break;
            }
        }
        return out;
    }

    private static ProbeResult logged(VectorIndexTarget ix, String what, ProbeResult r) {
        log.info(String.format(Locale.ROOT, "%s: %s=%d recall@k %.3f, p50 %.2f ms, p95 %.2f ms", ix.name(), what, r.probes(),
                r.recall(), r.p50Millis(), r.p95Millis()));
        return r;
    }
}
