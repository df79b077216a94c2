package dev.preflight.check.drift;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * DRIFT008: every statement of the migrations was replayed. With {@code --shadow-same-cluster} the
 * shadow shares the target's cluster, so statements that reach the whole cluster (roles, grants of
 * roles, tablespaces, databases, ALTER SYSTEM) are left out of the replay rather than run against
 * production: their effect is not verified. Each is named with its file and line.
 */
public final class ClusterGlobalCheck implements Check {

    /** A statement left out of the replay, with where it stands. */
    public record Skipped(String file, int line, String statement) {
    }

    @Override
    public String id() {
        return "DRIFT008";
    }

    @Override
    public String title() {
        return "Every migration statement was replayed (none left out as cluster-global)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    /** A replay that failed left out everything after its failure: that is DRIFT010's finding, and nothing passed here. */
    @Override
    public String notRunReason(CheckContext context) {
        ShadowReplay replay = context.fact(ShadowReplay.class);
        return replay.error() != null && replay.skipped().isEmpty()
                ? "the replay stopped at an error (DRIFT010), so not every statement was replayed" : null;
    }

    @Override
    public List<Finding> run(CheckContext context) {
        List<Skipped> skipped = context.fact(ShadowReplay.class).skipped();
        return skipped.stream().map(s -> finding(s.file() + " line " + s.line(),
                "cluster-global statement at " + s.file() + " line " + s.line() + " was not replayed (the shadow shares the "
                        + "target's cluster): " + s.statement(),
                "replayed", "skipped",
                "replay in an isolated cluster (leave out --shadow-same-cluster) or on another server (--shadow-url) to verify it"))
                .toList();
    }
}
