package dev.preflight.check.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.VectorIndexTuning;
import dev.preflight.report.VectorIndexTuning.Decision;
import dev.preflight.report.VectorIndexTuning.IndexTuning;
import dev.preflight.report.VectorIndexTuning.Measurement;
import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The IDX checks over the retune section: nothing measured is NOT_RUN with the reason (never PASSED
 * beside IDX001's measurement), and an index whose decision is a rebuild is IDX102's finding.
 */
class IndexChecksTests {

    private static IndexTuning index(String name, Decision decision, long rows, List<ProbeResult> ladder) {
        Measurement m = new Measurement(rows, 100, 10, 1_000_000, null, 2.0, ladder);
        return new IndexTuning(name, "chunks", "embedding", "ivfflat", "vector_cosine_ops", decision, "lists 100 for " + rows + " rows",
                m, null, null, null, null, null);
    }

    private static CheckContext with(IndexTuning... indexes) {
        return CheckContext.of(null, null, null, null).with(new VectorIndexTuning(false, 0.95, 10, 50, 4, false, "recommended", List.of(indexes)));
    }

    @Test
    void indexesLeftToExactSearchAreNotRunWithTheReasonAndNamingIdx001() throws Exception {
        CheckContext small = with(index("chunks_embedding_idx", Decision.EXACT_IS_FASTER, 52, List.of()));

        assertThat(new NoRebuildPendingCheck().notRunReason(small)).contains("nothing measured", "chunks_embedding_idx 52", "IDX001");
        assertThat(new ProbesSettingCheck().notRunReason(small)).contains("under retune.minRows");
        assertThat(new NoRebuildPendingCheck().notRunReason(with())).isEqualTo("retune found no IVFFlat or HNSW index");
    }

    @Test
    void aRebuildDecisionIsAFindingAndAKeptIndexIsNot() throws Exception {
        List<ProbeResult> ladder = List.of(new ProbeResult(1, 0.61, 1.0, 2.0), new ProbeResult(4, 0.96, 2.0, 3.0));
        CheckContext measured = with(index("a_idx", Decision.REBUILD_RECOMMENDED, 20_000, ladder), index("b_idx", Decision.KEEP, 20_000, ladder));

        assertThat(new NoRebuildPendingCheck().notRunReason(measured)).isNull();
        List<Finding> findings = new NoRebuildPendingCheck().run(measured);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("IDX102");
            assertThat(f.subject()).isEqualTo("index a_idx");
            assertThat(f.actual()).isEqualTo("REBUILD_RECOMMENDED");
        });
    }
}
