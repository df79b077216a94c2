package dev.preflight.run;

import dev.preflight.kernel.Secrets;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * RUN002: a job of a single command that failed without a blocking finding of its own (an unexpected error, not a
 * check's result) is a blocker, so that the verdict agrees with the exit code: a report never says READY_WITH_WARNINGS
 * for a run whose job failed. A failed migration (MIG002) or rejected seed files (SEED001) already block; a plan's failed
 * steps are its PLAN001 findings, graded by the plan's onFailure.
 */
final class JobFailure {

    static final String CHECK_ID = "RUN002";
    private static final String TITLE = "Every job of the run completed";

    private JobFailure() {
    }

    static Optional<CheckOutcome> of(RunLedger ledger, String job, JobExecution execution) {
        if (ledger.plan() != null || (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.UNKNOWN)) {
            return Optional.empty();
        }
        if (ledger.migrationError() != null) {
            return Optional.empty(); // the failed migration: MIG002's blocker, measured at the end of the run, names it with its remedy
        }
        boolean blocked = ledger.outcomes().stream().filter(o -> o.job().equals(job))
                .anyMatch(o -> o.findings().stream().anyMatch(f -> f.severity().blocksRelease()));
        if (blocked) {
            return Optional.empty();
        }
        List<Finding> findings = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED || s.getStatus() == BatchStatus.UNKNOWN)
                .map(s -> new Finding(CHECK_ID, Severity.BLOCKER, "job " + job, "step " + s.getStepName() + " of job " + job + " failed: "
                        + cause(s), "COMPLETED", s.getStatus().name(), "fix what the error names, then run ./preflight restart "
                        + ledger.runId() + " to resume from the failed step"))
                .toList();
        if (findings.isEmpty()) { // the job failed outside its steps
            findings = List.of(new Finding(CHECK_ID, Severity.BLOCKER, "job " + job, "job " + job + " failed: "
                    + firstLine(execution.getExitStatus().getExitDescription()), "COMPLETED", execution.getStatus().name(),
                    "fix what the error names, then run ./preflight " + job + " again"));
        }
        return Optional.of(new CheckOutcome(CHECK_ID, TITLE, job, CheckOutcome.Status.FAILED, findings.size() + " failed step(s)", findings));
    }

    /** The step's error in one line: its first exception's message, else the first line of its exit description. */
    private static String cause(StepExecution step) {
        if (!step.getFailureExceptions().isEmpty()) {
            Throwable t = step.getFailureExceptions().get(0);
            return Secrets.scrub(t.getMessage() != null ? firstLine(t.getMessage()) : t.getClass().getSimpleName());
        }
        return firstLine(step.getExitStatus().getExitDescription());
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "no error was recorded";
        }
        return Secrets.scrub(text.strip().lines().findFirst().orElse(""));
    }
}
