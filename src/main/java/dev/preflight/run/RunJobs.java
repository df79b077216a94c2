package dev.preflight.run;

import dev.preflight.config.ShadowSettings;
import dev.preflight.db.UnknownExecutions;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.StartupTrace;
import dev.preflight.report.JobContribution;
import dev.preflight.report.StepRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;

/**
 * A run's Spring side: the context, started on first use (only commands that run a job pay for
 * Spring and Spring Batch; status, report and history never start it), the jobs it starts under
 * the run id, and what each job's steps record in the ledger.
 */
final class RunJobs implements AutoCloseable {

    /** Jobs that write nothing to the target: a restart runs them again rather than skipping them as completed. */
    private static final Set<String> READ_ONLY_JOBS = Set.of("lint", "verify");

    private final RunContext run;
    private final Console console;
    private final DataSource pool;
    private final ShadowSettings shadowSettings;
    /** The context's start on a thread of its own since the session opened, or null: started here on first use. */
    private SpringStart early;
    private ConfigurableApplicationContext context;

    RunJobs(RunContext run, Console console, DataSource pool, ShadowSettings shadowSettings, SpringStart early) {
        this.run = run;
        this.console = console;
        this.pool = pool;
        this.shadowSettings = shadowSettings;
        this.early = early;
    }

    /** The context; beans are lazy (application.properties), so a job's start creates that job's beans only. */
    /** The context if a job has started it, else null. */
    ConfigurableApplicationContext contextIfStarted() {
        return context;
    }

    ConfigurableApplicationContext context() {
        if (context == null && early != null) {
            context = early.context();
            early = null;
        } else if (context == null) {
            ApplicationStartup startup = SpringStartupSteps.recorder();
            context = RunSpring.start(console, startup, () -> run, () -> pool, () -> shadowSettings);
            StartupTrace.mark("Spring context started");
            SpringStartupSteps.print(startup);
        }
        return context;
    }

    BatchStatus run(String jobName, JobParametersBuilder parameters) throws Exception {
        Job job = context().getBean(jobName + "Job", Job.class);
        StartupTrace.mark("job bean " + jobName);
        JobParameters params = parameters.addString("run.id", run.ledger().runId()).toJobParameters();
        JobOperator operator = context().getBean(JobOperator.class);
        recoverDeadExecution(job, params);
        JobExecution execution;
        RunLedger.Mark mark = run.ledger().mark();
        try {
            execution = operator.start(job, params);
        } catch (JobInstanceAlreadyCompleteException e) {
            if (READ_ONLY_JOBS.contains(jobName)) {
                // a restarted run reports what is true now: skipping lint or verify would drop their findings (a
                // migration applied in this restart would go unlinted), and they write nothing to the database
                execution = operator.start(job, new JobParametersBuilder(params).addLong("restart.attempt", System.currentTimeMillis())
                        .toJobParameters());
                record(jobName, execution);
                return execution.getStatus();
            }
            skipCompleted(job, jobName, params);
            return BatchStatus.COMPLETED;
        }
        StartupTrace.mark("job " + jobName + " ran");
        record(jobName, execution);
        keepContribution(jobName, execution, mark);
        return execution.getStatus();
    }

    /**
     * A job of a plan that completed keeps what it added to the ledger, so that a restart of the run (after a later step
     * failed) still reports it. Single commands keep nothing: a completed one-job run has nothing left to restart.
     */
    private void keepContribution(String jobName, JobExecution execution, RunLedger.Mark mark) {
        if (run.ledger().plan() == null || execution.getStatus() != BatchStatus.COMPLETED || READ_ONLY_JOBS.contains(jobName)) {
            return;
        }
        try {
            new JobContributions(pool).save(execution.getJobInstance().getInstanceId(), run.ledger().runId(), jobName,
                    run.ledger().since(mark));
        } catch (Exception e) {
            // the job's work is done and recorded; only a later restart's report would lack its section, and it says so
            console.err().println("[preflight] could not keep job " + jobName + "'s results for a restart of run "
                    + run.ledger().runId() + ": " + e.getMessage());
        }
    }

    /** A restart skips a job an earlier attempt completed, and reports what that attempt measured (or says it cannot). */
    private void skipCompleted(Job job, String jobName, JobParameters params) throws Exception {
        String earlier = "completed earlier in run " + run.ledger().runId();
        var instance = context().getBean(JobRepository.class).getJobInstance(job.getName(), params);
        Optional<JobContribution> kept = instance == null ? Optional.empty() : new JobContributions(pool).load(instance.getInstanceId());
        if (kept.isPresent()) {
            run.ledger().restore(kept.get()); // its steps too, with their durations then
            run.ledger().jobRan(jobName);
            return;
        }
        run.ledger().warn("job " + jobName + " " + earlier + ", but its results were not kept (an older Preflight ran it, or the"
                + " process ended before it recorded them): its checklist items read NOT RUN; run ./preflight " + jobName
                + " to measure them again");
        run.ledger().step(new StepRecord(jobName, jobName, "COMPLETED", earlier, 0));
    }

    /**
     * An execution of this job instance left STARTED (or STOPPING) is one whose process was killed: this session holds the
     * run's liveness lock, so no live process owns it. Spring Batch refuses to start the instance again while it looks
     * running; recovering marks it FAILED, so the restart resumes it (as the backfill's launcher does for its own jobs). An
     * execution left UNKNOWN (its end could not be recorded) is settled as FAILED too, which Spring Batch would refuse to restart.
     */
    private void recoverDeadExecution(Job job, JobParameters params) {
        JobRepository repository = context().getBean(JobRepository.class);
        JobExecution last = repository.getLastJobExecution(job.getName(), params);
        if (last != null && last.isRunning()) {
            console.err().println("[preflight] job " + job.getName() + " of run " + run.ledger().runId() + " was left " + last.getStatus()
                    + " by a process that no longer exists (killed?): recorded as FAILED, and resumed");
            context().getBean(JobOperator.class).recover(last);
        }
        if (last != null) {
            UnknownExecutions.settle(repository, last.getJobInstance(), line -> console.err().println("[preflight] " + line));
        }
    }

    void record(String jobName, JobExecution execution) {
        if (ConnectionLoss.is(execution)) {
            String line = ConnectionLoss.line(ConnectionLoss.committed(execution), run.ledger().runId());
            console.error(line);
            run.ledger().warn(line);
        }
        run.ledger().jobRan(jobName);
        for (StepExecution s : execution.getStepExecutions()) {
            long ms = s.getStartTime() == null || s.getEndTime() == null ? 0 : Duration.between(s.getStartTime(), s.getEndTime()).toMillis();
            run.ledger().step(new StepRecord(jobName, s.getStepName(), s.getStatus().name(), s.getExitStatus().getExitCode(), ms));
        }
        JobFailure.of(run.ledger(), jobName, execution).ifPresent(failure -> {
            failure.findings().forEach(f -> console.error(f.message() + " -> " + f.remedy()));
            run.ledger().add(failure);
        });
    }

    /** Asks the running job (if any) to stop at its next safe point: used on SIGTERM. */
    @SuppressWarnings("removal") // Batch 6 keeps getRunningExecutions/stop(long) until its replacement takes a JobExecution we do not hold here
    void stopRunning() {
        if (context == null) {
            return;
        }
        JobOperator operator = context.getBean(JobOperator.class);
        // by name, from the bean definitions: asking for every Job bean would first create all jobs and their steps
        for (String jobName : context.getBean(JobRegistry.class).getJobNames()) {
            try {
                for (Long id : operator.getRunningExecutions(jobName)) {
                    operator.stop(id);
                }
            } catch (Exception e) {
                // no execution of this job is running, or it ended meanwhile
            }
        }
    }

    @Override
    public void close() {
        if (early != null) {
            early.abandon();
            early = null;
        }
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
