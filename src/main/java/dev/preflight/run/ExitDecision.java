package dev.preflight.run;

import dev.preflight.kernel.ExitCode;
import dev.preflight.report.Finding;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The one decision of a run's exit code from its report: 2 when a pre-flight check of the server
 * or its extensions blocks (a configuration problem, not the database's state), 1 when the verdict
 * is NOT_READY or, with {@code --fail-on warning}, READY_WITH_WARNINGS, else 0. Errors that end a
 * run before its report carry their own code ({@code PreflightException}).
 */
public final class ExitDecision {

    private ExitDecision() {
    }

    public static ExitCode of(ReadinessReport report, boolean failOnWarning) {
        if (preflightBlocker(report.findings()).isPresent()) {
            return ExitCode.USAGE_OR_CONNECTION;
        }
        if (report.verdict() == Verdict.NOT_READY || (report.verdict() == Verdict.READY_WITH_WARNINGS && failOnWarning)) {
            return ExitCode.NOT_READY;
        }
        return ExitCode.READY;
    }

    /** The first blocking finding of a pre-flight check (SRV), which makes the run a configuration failure. */
    public static Optional<Finding> preflightBlocker(List<Finding> findings) {
        return findings.stream().filter(f -> f.id().startsWith("SRV") && f.severity().blocksRelease()).findFirst();
    }
}
