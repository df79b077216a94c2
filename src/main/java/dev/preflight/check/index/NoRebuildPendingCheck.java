package dev.preflight.check.index;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import dev.preflight.report.VectorIndexSection;
import dev.preflight.report.VectorIndexSection.Decision;
import java.util.List;

/**
 * IDX102: no IVFFlat index still needs a rebuild (recall at sqrt(lists) probes below the target,
 * lists far from rows/1000, or an invalid index). Such an index answers queries without error but
 * misses neighbours or wastes time; {@code ./preflight retune} rebuilds it online.
 */
public final class NoRebuildPendingCheck implements Check {

    private final VectorIndexSection section;

    public NoRebuildPendingCheck(VectorIndexSection section) {
        this.section = section;
    }

    @Override
    public String id() {
        return "IDX102";
    }

    @Override
    public String title() {
        return "No IVFFlat index needs a rebuild (trained on its data, lists near the recommendation)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> run(CheckContext context) {
        return section.indexes().stream()
                .filter(t -> t.decision() == Decision.REBUILD || t.decision() == Decision.REBUILD_FAILED)
                .map(t -> finding("index " + t.name(), t.name() + " needs a rebuild: " + t.reason(), "KEEP or REBUILT", t.decision().name(),
                        section.dryRun() ? "run ./preflight retune without --dry-run" : "see IDX103 for why the rebuild failed, fix it and run ./preflight retune again"))
                .toList();
    }
}
