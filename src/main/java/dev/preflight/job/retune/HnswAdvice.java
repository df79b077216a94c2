package dev.preflight.job.retune;

import dev.preflight.report.VectorIndexTuning.Decision;
import dev.preflight.report.VectorIndexTuning.Measurement;
import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.util.Comparator;
import java.util.Locale;

/**
 * The HNSW recommendation as pure functions: the smallest measured {@code hnsw.ef_search} whose
 * recall interval meets the target, else a rebuild with a wider graph ({@code m} and
 * {@code ef_construction} doubled), since no search width within the latency budget reached it.
 */
final class HnswAdvice {

    /** pgvector's HNSW build defaults. */
    static final int DEFAULT_M = 16;
    static final int DEFAULT_EF_CONSTRUCTION = 64;

    private HnswAdvice() {
    }

    /** A decision with its one-sentence reason. */
    record Verdict(Decision decision, String reason) {
    }

    static Verdict decide(Integer m, Integer efConstruction, Measurement measured, double target) {
        int mNow = m == null ? DEFAULT_M : m;
        int efcNow = efConstruction == null ? DEFAULT_EF_CONSTRUCTION : efConstruction;
        ProbeResult chosen = IvfflatAdvice.smallestMeeting(measured.ladder(), target);
        if (chosen != null) {
            return new Verdict(Decision.KEEP, String.format(Locale.ROOT, "hnsw.ef_search=%d reaches recall@k %.3f (95%% interval %.3f-%.3f, "
                    + "%d held-out queries) at %.2f ms p50; m=%d, ef_construction=%d suffice", chosen.value(), chosen.recall(),
                    chosen.lower(), chosen.upper(), chosen.queries() == null ? 0 : chosen.queries(), chosen.p50Millis(), mNow, efcNow));
        }
        ProbeResult best = measured.ladder().stream().max(Comparator.comparingDouble(ProbeResult::recall)).orElse(null);
        if (best == null) {
            return new Verdict(Decision.REPORTED, "not measured");
        }
        int widest = measured.ladder().stream().mapToInt(ProbeResult::value).max().orElse(0);
        return new Verdict(Decision.REBUILD_RECOMMENDED, String.format(Locale.ROOT, "no hnsw.ef_search up to %d reached recall@k %.2f "
                        + "within the latency budget (p50 at most %.0f%% of exact search's %.2f ms); the best was %.3f (interval %.3f-%.3f) "
                        + "at ef_search=%d: the graph (m=%d, ef_construction=%d) is too sparse for this data; rebuild it with m=%d, "
                        + "ef_construction=%d", widest, target, IndexMeasurement.LATENCY_BUDGET_SHARE * 100,
                measured.exactP50Millis() == null ? Double.NaN : measured.exactP50Millis(), best.recall(), best.lower(), best.upper(),
                best.value(), mNow, efcNow, 2 * mNow, Math.max(2 * efcNow, 4 * mNow)));
    }
}
