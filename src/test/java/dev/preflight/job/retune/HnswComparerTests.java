package dev.preflight.job.retune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.VectorIndexTuning.Measurement;
import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class HnswComparerTests {

    private static Measurement m(long buildMillis, long size, ProbeResult... ladder) {
        return new Measurement(20_000, 20, 20, size, buildMillis, 30.0, List.of(ladder));
    }

    @Test
    void hnswSuitsWhenItIsMuchFasterAtTheTarget() {
        String v = HnswComparer.verdict(m(2000, 1_000_000, new ProbeResult(4, 0.96, 4.0, 6.0)),
                m(10_000, 3_000_000, new ProbeResult(40, 0.99, 1.0, 2.0)), 0.95);

        assertThat(v).contains("ef_search=40", "probes=4", "5.0x the time", "3.0x the size", "HNSW suits");
    }

    @Test
    void ivfflatSuitsWhenAsFastAndWhenHnswMissesTheTarget() {
        assertThat(HnswComparer.verdict(m(2000, 1_000_000, new ProbeResult(1, 0.99, 1.0, 2.0)),
                m(10_000, 3_000_000, new ProbeResult(10, 0.97, 0.9, 1.5)), 0.95)).contains("IVFFlat suits");
        assertThat(HnswComparer.verdict(m(2000, 1, new ProbeResult(1, 0.99, 1.0, 2.0)),
                m(10_000, 3, new ProbeResult(320, 0.90, 0.9, 1.5)), 0.95)).contains("HNSW did not reach recall 0.95");
    }
}
