package dev.preflight.job.retune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.VectorIndexTuning.Decision;
import dev.preflight.report.VectorIndexTuning.Measurement;
import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class HnswAdviceTests {

    private static ProbeResult ef(int ef, double recall, double low, double high, double p50) {
        return new ProbeResult(null, ef, recall, p50, p50 * 1.5, low, high, 200);
    }

    private static Measurement m(ProbeResult... ladder) {
        return new Measurement(6_000, null, null, 40_000_000, null, 12.0, List.of(ladder));
    }

    @Test
    void theSmallestEfSearchWhoseLowerBoundMeetsTheTargetIsKept() {
        var v = HnswAdvice.decide(16, 64, m(ef(20, 0.79, 0.76, 0.82, 0.5), ef(40, 0.955, 0.94, 0.97, 0.8), ef(80, 0.985, 0.975, 0.99, 1.4)), 0.95);

        assertThat(v.decision()).isEqualTo(Decision.KEEP);
        assertThat(v.reason()).startsWith("hnsw.ef_search=80 reaches recall@k 0.985").contains("200 held-out queries");
    }

    @Test
    void aGraphThatMissesTheTargetWithinTheLatencyBudgetIsToBeRebuiltWider() {
        // given: ef_search climbed until its latency passed half of exact search's 12 ms, recall still short
        var v = HnswAdvice.decide(null, null, m(ef(20, 0.79, 0.76, 0.82, 1.0), ef(40, 0.83, 0.80, 0.86, 2.5), ef(80, 0.90, 0.88, 0.92, 6.5)), 0.95);

        assertThat(v.decision()).isEqualTo(Decision.REBUILD_RECOMMENDED);
        assertThat(v.reason()).contains("no hnsw.ef_search up to 80 reached recall@k 0.95", "the best was 0.900",
                "(m=16, ef_construction=64)", "rebuild it with m=32, ef_construction=128");
    }
}
