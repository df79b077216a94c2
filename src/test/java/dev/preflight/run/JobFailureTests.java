package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.kernel.Secrets;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import dev.preflight.report.Verdict;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

class JobFailureTests {

    @AfterEach
    void forgetSecrets() {
        Secrets.clear();
    }

    private static JobExecution failedRetune(Throwable error) {
        JobExecution job = new JobExecution(7, new JobInstance(3, "retune"), new JobParameters());
        StepExecution measured = new StepExecution(1, "retuneMeasureStep", job);
        measured.setStatus(BatchStatus.COMPLETED);
        StepExecution failed = new StepExecution(2, "retuneRebuildStep", job);
        failed.setStatus(BatchStatus.FAILED);
        failed.addFailureException(error);
        job.addStepExecutions(List.of(measured, failed));
        job.setStatus(BatchStatus.FAILED);
        return job;
    }

    @Test
    void aCommandsJobThatFailedOnAnErrorIsABlockerNamingTheStepAndTheError() {
        Secrets.register("s3cret-pass");
        RunLedger ledger = new RunLedger("run-1");

        CheckOutcome outcome = JobFailure.of(ledger, "retune",
                failedRetune(new IllegalStateException("LIMIT must not be negative\n\tat somewhere (password s3cret-pass)"))).orElseThrow();

        assertThat(outcome.status()).isEqualTo(CheckOutcome.Status.FAILED);
        assertThat(outcome.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKER);
            assertThat(f.message()).isEqualTo("step retuneRebuildStep of job retune failed: LIMIT must not be negative");
            assertThat(f.remedy()).contains("./preflight restart run-1");
        });
        assertThat(Verdict.decide(outcome.findings())).isEqualTo(Verdict.NOT_READY);
    }

    @Test
    void theErrorsLineIsScrubbedOfSecrets() {
        Secrets.register("s3cret-pass");
        CheckOutcome outcome = JobFailure.of(new RunLedger("run-1"), "retune",
                failedRetune(new IllegalStateException("cannot connect as app:s3cret-pass"))).orElseThrow();

        assertThat(outcome.findings().get(0).message()).doesNotContain("s3cret-pass").contains("****");
    }

    @Test
    void noSecondBlockerWhenTheJobsOwnCheckBlocksNorForAPlanNorForACompletedJob() {
        RunLedger blocked = new RunLedger("run-1");
        blocked.add(new CheckOutcome("IDX103", "rebuilds", "retune", CheckOutcome.Status.FAILED, "",
                List.of(new Finding("IDX103", Severity.BLOCKER, "ix", "rebuild failed", "", "", ""))));
        assertThat(JobFailure.of(blocked, "retune", failedRetune(new IllegalStateException("x")))).isEmpty();

        RunLedger plan = new RunLedger("run-2");
        plan.plan("gate"); // its failed steps are PLAN001's, graded by the plan's onFailure
        assertThat(JobFailure.of(plan, "retune", failedRetune(new IllegalStateException("x")))).isEmpty();

        RunLedger migration = new RunLedger("run-4"); // a failed migration: MIG002 names it at the end of the run
        migration.migrationsApplied(List.of(), "migration V2__x.sql failed at line 3: ...");
        assertThat(JobFailure.of(migration, "migrate", failedRetune(new IllegalStateException("x")))).isEmpty();

        JobExecution completed = failedRetune(new IllegalStateException("x"));
        completed.setStatus(BatchStatus.COMPLETED);
        assertThat(JobFailure.of(new RunLedger("run-3"), "retune", completed)).isEmpty();
    }
}
