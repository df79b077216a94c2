package dev.preflight.check.index;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import dev.preflight.report.VectorIndexTuning;
import dev.preflight.report.VectorIndexTuning.Decision;
import java.util.List;

/**
 * IDX102: no vector index still needs a rebuild: no IVFFlat index with recall at sqrt(lists) probes
 * below the target, lists far from rows/1000, or marked invalid, and no HNSW index whose m /
 * ef_construction cannot reach the target at any ef_search within the latency budget. Such an index
 * answers queries without error but misses neighbours or wastes time; {@code ./preflight retune}
 * rebuilds IVFFlat online and names the HNSW rebuild. NOT_RUN when retune measured no index.
 */
public final class NoRebuildPendingCheck implements Check {

    @Override
    public String id() {
        return "IDX102";
    }

    @Override
    public String title() {
        return "No vector index needs a rebuild (IVFFlat trained on its data with lists near the recommendation; HNSW graph reaches the target)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public String notRunReason(CheckContext context) {
        VectorIndexTuning section = context.fact(VectorIndexTuning.class);
        return RetuneCoverage.notMeasured(section, RetuneCoverage::any, "IVFFlat or HNSW index");
    }

    @Override
    public List<Finding> run(CheckContext context) {
        VectorIndexTuning section = context.fact(VectorIndexTuning.class);
        return section.indexes().stream()
                .filter(t -> t.decision() == Decision.REBUILD || t.decision() == Decision.REBUILD_FAILED
                        || t.decision() == Decision.REBUILD_RECOMMENDED)
                .map(t -> finding("index " + t.name(), t.name() + " needs a rebuild: " + t.reason(),
                        t.hnswIndex() ? "an ef_search within the latency budget meets the target" : "KEEP or REBUILT", t.decision().name(),
                        t.hnswIndex() ? "rebuild it online with the wider graph the reason names (CREATE INDEX CONCURRENTLY ... USING hnsw ... "
                                + "WITH (m = ..., ef_construction = ...), then DROP INDEX CONCURRENTLY the old one) and run ./preflight retune"
                                : section.dryRun() ? "run ./preflight retune without --dry-run"
                                : "see IDX103 for why the rebuild failed, fix it and run ./preflight retune again"))
                .toList();
    }
}
