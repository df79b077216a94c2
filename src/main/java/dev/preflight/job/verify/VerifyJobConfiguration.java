package dev.preflight.job.verify;

import dev.preflight.config.ShadowSettings;
import dev.preflight.kernel.Console;
import dev.preflight.report.VerifySection;
import dev.preflight.run.RunContext;
import dev.preflight.run.Session;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The verify job: schema drift by replay, migration history, smoke checks, git and CI readiness.
 * It changes nothing in the target database (the shadow database it creates is dropped), so every
 * step may run again on a restart.
 */
@Configuration(proxyBeanMethods = false)
public class VerifyJobConfiguration {

    public static final String JOB = "verify";

    /** Runs the verify job in a session and records its total time in the section. */
    public static BatchStatus run(Session session) throws Exception {
        long t0 = System.nanoTime();
        BatchStatus status = session.runJob(JOB);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        update(session.run(), s -> s.withTotalMs(ms));
        return status;
    }

    /** Replaces the run's verify section with a changed copy (each step fills its part). */
    static void update(RunContext run, UnaryOperator<VerifySection> change) {
        run.ledger().verify(change.apply(run.ledger().verify() == null ? VerifySection.empty() : run.ledger().verify()));
    }

    @Bean
    public Job verifyJob(JobRepository jobRepository, Step verifyDriftStep, Step verifyHistoryStep, Step verifySmokeStep,
                         Step verifyGitStep, Step verifyCiStep) {
        return new JobBuilder(JOB, jobRepository)
                .start(verifyDriftStep).next(verifyHistoryStep).next(verifySmokeStep).next(verifyGitStep).next(verifyCiStep)
                .build();
    }

    @Bean
    public Step verifyDriftStep(JobRepository jobRepository, PlatformTransactionManager tm, DataSource dataSource, RunContext run,
                                ShadowSettings shadowSettings) {
        return step("verifyDriftStep", new DriftTasklet(run, dataSource, shadowSettings), jobRepository, tm);
    }

    @Bean
    public Step verifyHistoryStep(JobRepository jobRepository, PlatformTransactionManager tm, DataSource dataSource, RunContext run) {
        return step("verifyHistoryStep", new HistoryTasklet(run, dataSource), jobRepository, tm);
    }

    @Bean
    public Step verifySmokeStep(JobRepository jobRepository, PlatformTransactionManager tm, DataSource dataSource, RunContext run) {
        return step("verifySmokeStep", new SmokeTasklet(run, dataSource), jobRepository, tm);
    }

    @Bean
    public Step verifyGitStep(JobRepository jobRepository, PlatformTransactionManager tm, RunContext run) {
        return step("verifyGitStep", new GitTasklet(run), jobRepository, tm);
    }

    @Bean
    public Step verifyCiStep(JobRepository jobRepository, PlatformTransactionManager tm, RunContext run, Console console) {
        return step("verifyCiStep", new CiTasklet(run, console), jobRepository, tm);
    }

    private static Step step(String name, Tasklet tasklet, JobRepository jobRepository, PlatformTransactionManager tm) {
        // Read-only measurements: a restart re-measures rather than trusting an earlier attempt.
        return new StepBuilder(name, jobRepository).tasklet(tasklet, tm).allowStartIfComplete(true).build();
    }
}
