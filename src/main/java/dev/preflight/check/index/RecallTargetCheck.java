package dev.preflight.check.index;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import dev.preflight.report.VectorIndexTuning;
import dev.preflight.report.VectorIndexTuning.IndexTuning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * IDX101: every measured vector index reaches the target recall@k against exact search at some
 * probes (IVFFlat) or ef_search (HNSW) value, by the lower bound of the recall's 95% interval over
 * held-out queries. NOT_RUN when retune measured no index (tables under {@code retune.minRows}). An index that cannot, even scanning every list,
 * returns wrong neighbours whatever the application sets; the cause is usually a planner that does
 * not use the index, or the data changing under the measurement. Re-run retune; check the plan.
 */
public final class RecallTargetCheck implements Check {

    @Override
    public String id() {
        return "IDX101";
    }

    @Override
    public String title() {
        return "Vector indexes reach the target recall@k against exact search";
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
        List<Finding> out = new ArrayList<>();
        for (IndexTuning t : section.indexes()) {
            var ladder = t.current().ladder();
            double best = ladder.stream().mapToDouble(VectorIndexTuning.ProbeResult::recall).max().orElse(Double.NaN);
            if (!ladder.isEmpty() && t.decision() == VectorIndexTuning.Decision.REBUILD_RECOMMENDED) {
                out.add(finding("index " + t.name(), t.name() + ": " + t.reason(), String.format(Locale.ROOT, "recall >= %.2f", section.targetRecall()),
                        String.format(Locale.ROOT, "%.3f", best), "rebuild the HNSW index with a wider graph (see IDX102), then run ./preflight retune again"));
            } else if (!ladder.isEmpty() && ladder.stream().noneMatch(p -> p.lower() >= section.targetRecall())) {
                var top = ladder.stream().max(java.util.Comparator.comparingDouble(VectorIndexTuning.ProbeResult::lower)).orElseThrow();
                out.add(finding("index " + t.name(), String.format(Locale.ROOT, "%s reaches at best recall@%d %.3f (95%% interval %.3f-%.3f, "
                                + "at %s=%d): the lower bound is below the target %.2f", t.name(), section.k(), top.recall(), top.lower(),
                                top.upper(), t.hnswIndex() ? "ef_search" : "probes", top.value(), section.targetRecall()),
                        String.format(Locale.ROOT, "recall >= %.2f", section.targetRecall()), String.format(Locale.ROOT, "%.3f", best),
                        "check with EXPLAIN that queries use the index, then run ./preflight retune again"));
            }
        }
        return out;
    }
}
