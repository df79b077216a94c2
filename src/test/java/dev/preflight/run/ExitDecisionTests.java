package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.kernel.ExitCode;
import dev.preflight.report.Finding;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.SeedSection;
import dev.preflight.report.Severity;
import dev.preflight.report.StepRecord;
import dev.preflight.report.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exit code from a report: 2 for a blocking pre-flight finding, 1 for NOT_READY (or warnings with --fail-on warning), else 0. */
class ExitDecisionTests {

    private static ReadinessReport report(Verdict verdict, Finding... findings) {
        return new ReadinessReport(1, "r", "gate", "t", "v", "p", verdict, "rule", 1.0, List.of(), List.of(), List.of(), null, null,
                List.of(), List.of(findings), List.of(), Map.of());
    }

    @Test
    void theVerdictDecidesUnlessAPreflightCheckBlocks() {
        assertThat(ExitDecision.of(report(Verdict.READY), false)).isEqualTo(ExitCode.READY);
        assertThat(ExitDecision.of(report(Verdict.READY_WITH_WARNINGS, Finding.of("IDX001", Severity.MEDIUM, "i", "m", "r")), false))
                .isEqualTo(ExitCode.READY);
        assertThat(ExitDecision.of(report(Verdict.READY_WITH_WARNINGS, Finding.of("IDX001", Severity.MEDIUM, "i", "m", "r")), true))
                .isEqualTo(ExitCode.NOT_READY);
        assertThat(ExitDecision.of(report(Verdict.NOT_READY, Finding.of("MIG003", Severity.HIGH, "m", "pending", "migrate")), false))
                .isEqualTo(ExitCode.NOT_READY);
        Finding noVector = Finding.of("SRV003", Severity.BLOCKER, "vector", "extension vector is not available", "install pgvector");
        assertThat(ExitDecision.of(report(Verdict.NOT_READY, noVector), false)).isEqualTo(ExitCode.USAGE_OR_CONNECTION);
        assertThat(ExitDecision.preflightBlocker(List.of(Finding.of("SRV002", Severity.LOW, "s", "m", "r")))).isEmpty();
        assertThat(ExitDecision.preflightBlocker(List.of(Finding.of("MIG001", Severity.BLOCKER, "s", "m", "r"), noVector))).contains(noVector);
    }

    @Test
    void rejectedInputIsTwoAndACommandWhoseOwnJobFailedIsOneWhateverTheVerdict() {
        SeedSection invalid = new SeedSection("INVALID", false, List.of("jobs/seed/10.yaml"), 0, 1, 0, 0, 0, List.of(), List.of(), null,
                List.of("jobs/seed/10.yaml line 2: unknown column"), "fix the file");
        ReadinessReport gate = report(Verdict.NOT_READY).withSections(ReadinessReport.sections(invalid));
        assertThat(ExitDecision.of(gate, false)).as("in the gate: a blocker like any other").isEqualTo(ExitCode.NOT_READY);
        ReadinessReport seed = new ReadinessReport(1, "r", "seed", "t", "v", "p", Verdict.NOT_READY, "rule", 1.0, List.of("seed"), List.of(),
                List.of(), null, null, List.of(), List.of(), List.of(), ReadinessReport.sections(invalid));
        assertThat(ExitDecision.of(seed, false)).as("seed on its own: its input").isEqualTo(ExitCode.USAGE_OR_CONNECTION);

        ReadinessReport retune = new ReadinessReport(1, "r", "retune", "t", "v", "p", Verdict.READY, "rule", 1.0, List.of("retune"),
                List.of(new StepRecord("retune", "retuneMeasureStep", "FAILED", "FAILED", 10)), List.of(), null, null, List.of(), List.of(),
                List.of(), Map.of());
        assertThat(ExitDecision.of(retune, false)).isEqualTo(ExitCode.NOT_READY);
        // in a plan (command gate) a failed step is the plan's PLAN001 finding, not this rule
        ReadinessReport plan = new ReadinessReport(1, "r", "gate", "t", "v", "p", Verdict.READY, "rule", 1.0, List.of("retune"),
                List.of(new StepRecord("retune", "retuneMeasureStep", "FAILED", "FAILED", 10)), List.of(), null, null, List.of(), List.of(),
                List.of(), Map.of());
        assertThat(ExitDecision.of(plan, false)).isEqualTo(ExitCode.READY);
    }
}
