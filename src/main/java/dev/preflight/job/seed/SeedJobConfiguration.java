package dev.preflight.job.seed;

import dev.preflight.run.RunContext;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The seed job: loads {@code jobs/seed/} (YAML records, CSV rows, generated fixtures) by
 * primary-key upsert, in foreign-key order, in one transaction. One step: the load cannot be
 * split without giving up "all or nothing", so a restart simply runs it again (it is idempotent).
 */
@Configuration(proxyBeanMethods = false)
public class SeedJobConfiguration {

    public static final String JOB = "seed";
    /** Job parameter (non-identifying): "true" validates and counts, then rolls back. */
    public static final String DRY_RUN = "seed.dryRun";

    @Bean
    public Job seedJob(JobRepository jobRepository, Step seedStep) {
        return new JobBuilder(JOB, jobRepository).start(seedStep).build();
    }

    @Bean
    public Step seedStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         DataSource dataSource, RunContext run) {
        return new StepBuilder("seedStep", jobRepository)
                .tasklet(new SeedTasklet(dataSource, run), transactionManager)
                .build();
    }
}
