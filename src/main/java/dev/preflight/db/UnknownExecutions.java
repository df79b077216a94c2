package dev.preflight.db;

import java.util.function.Consumer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Settles the executions of a job instance left UNKNOWN, so that a restart may proceed. Spring Batch records UNKNOWN when
 * it could not record a step's end (the connection died at the step's last commit) and then refuses to restart the job
 * ("manual intervention is probably necessary"). Every Preflight job re-derives its position from the database itself
 * when it restarts: a backfill chunk commits with its checkpoint, a seed in one transaction, Flyway's history table says
 * which migrations took effect, retune measures again and leaves no invalid index behind, lint and verify write nothing.
 * So an UNKNOWN step is recorded as FAILED, and the restart redoes exactly what did not commit.
 */
public final class UnknownExecutions {

    private UnknownExecutions() {
    }

    /** Marks this instance's UNKNOWN steps and executions FAILED; {@code say} gets one line per step settled; returns their number. */
    public static int settle(JobRepository repository, JobInstance instance, Consumer<String> say) {
        int settled = 0;
        for (JobExecution e : repository.getJobExecutions(instance)) {
            for (StepExecution step : e.getStepExecutions()) {
                if (step.getStatus() == BatchStatus.UNKNOWN) {
                    say.accept("step " + step.getStepName() + " of job " + instance.getJobName() + " (execution " + e.getId()
                            + ") ended UNKNOWN: its end was not recorded; what it committed is kept and the rest is redone, so it"
                            + " is restarted as FAILED");
                    step.setStatus(BatchStatus.FAILED);
                    repository.update(step);
                    settled++;
                }
            }
            if (e.getStatus() == BatchStatus.UNKNOWN) {
                e.setStatus(BatchStatus.FAILED);
                repository.update(e);
            }
        }
        return settled;
    }
}
