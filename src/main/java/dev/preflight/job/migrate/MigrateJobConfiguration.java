package dev.preflight.job.migrate;

import dev.preflight.config.ShadowSettings;
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

/** The migrate job: pre-flight checks of the server and extensions, then Flyway migrate. */
@Configuration(proxyBeanMethods = false)
public class MigrateJobConfiguration {

    public static final String JOB = "migrate";

    @Bean
    public Job migrateJob(JobRepository jobRepository, Step migratePreflightStep, Step migrateFlywayStep) {
        return new JobBuilder(JOB, jobRepository)
                .start(migratePreflightStep).on(PreflightChecksTasklet.FAILED_CHECKS).fail()
                .from(migratePreflightStep).on("*").to(migrateFlywayStep)
                .end()
                .build();
    }

    @Bean
    public Step migratePreflightStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                     DataSource dataSource, RunContext run) {
        return new StepBuilder("migratePreflightStep", jobRepository)
                .tasklet(new PreflightChecksTasklet(dataSource, run), transactionManager)
                .allowStartIfComplete(true) // a restart re-checks the server: it may have changed
                .build();
    }

    @Bean
    public Step migrateFlywayStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  DataSource dataSource, RunContext run, ShadowSettings shadowSettings) {
        return new StepBuilder("migrateFlywayStep", jobRepository)
                .tasklet(new FlywayMigrateTasklet(dataSource, run, shadowSettings), transactionManager)
                .build();
    }
}
