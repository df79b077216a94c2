package dev.preflight.run;

import dev.preflight.kernel.ExitCode;
import dev.preflight.report.Finding;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The one decision of a run's exit code from its report: 2 when the input, not the database, is
 * at fault (a blocking pre-flight check of the server or its extensions; for seed and backfill run
 * on their own, seed files that do not validate or a model whose dimension does not fit its column); 1 when the verdict is
 * NOT_READY, when the command's own job failed, or, with {@code --fail-on warning}, when the verdict
 * is READY_WITH_WARNINGS; else 0. Errors that end a run before its report carry their own code
 * ({@code PreflightException}).
 */
public final class ExitDecision {

    private ExitDecision() {
    }

    public static ExitCode of(ReadinessReport report, boolean failOnWarning) {
        if (preflightBlocker(report.findings()).isPresent() || inputRejected(report)) {
            return ExitCode.USAGE_OR_CONNECTION;
        }
        if (report.verdict() == Verdict.NOT_READY || ownJobFailed(report)
                || (report.verdict() == Verdict.READY_WITH_WARNINGS && failOnWarning)) {
            return ExitCode.NOT_READY;
        }
        return ExitCode.READY;
    }

    /**
     * The command's own input rejected: {@code seed} with seed files that do not validate, {@code backfill}
     * with a model whose vectors do not fit the column; nothing was written, the input must change. In a
     * plan (the gate) the same findings make the run NOT_READY, like any other blocker.
     */
    static boolean inputRejected(ReadinessReport report) {
        boolean seed = "seed".equals(report.command()) && report.seed() != null && report.seed().invalid();
        boolean dimensions = "backfill".equals(report.command()) && report.embeddings() != null
                && report.embeddings().targets().stream().anyMatch(t -> "DIMENSION_MISMATCH".equals(t.status()));
        return seed || dimensions;
    }

    /**
     * A command whose own job (the job of its name: {@code retune}, {@code verify}, ...) failed is never
     * ready, whatever the checks it reached say; a plan's failed steps are its PLAN001 findings.
     */
    static boolean ownJobFailed(ReadinessReport report) {
        return report.steps().stream().anyMatch(s -> s.job().equals(report.command())
                && ("FAILED".equals(s.status()) || "UNKNOWN".equals(s.status())));
    }

    /** The first blocking finding of a pre-flight check (SRV), which makes the run a configuration failure. */
    public static Optional<Finding> preflightBlocker(List<Finding> findings) {
        return findings.stream().filter(f -> f.id().startsWith("SRV") && f.severity().blocksRelease()).findFirst();
    }
}
