package dev.preflight.job.lint;

import dev.preflight.config.ShadowSettings;
import dev.preflight.run.RunContext;
import dev.preflight.run.Session;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The lint job: static rules over the migrations, then the pending ones measured statement by
 * statement on a shadow database with rows. It changes nothing in the target database (the shadow
 * is dropped), so its step runs again on a restart.
 */
@Configuration(proxyBeanMethods = false)
public class LintJobConfiguration {

    public static final String JOB = "lint";
    /** Job parameters: lint migrations after this version; all of them; skip the shadow database. */
    public static final String SINCE = "since";
    public static final String ALL = "all";
    public static final String STATIC_ONLY = "static-only";

    public static BatchStatus run(Session session, JobParametersBuilder parameters) throws Exception {
        return session.runJob(JOB, parameters);
    }

    @Bean
    public Job lintJob(JobRepository jobRepository, Step lintStep) {
        return new JobBuilder(JOB, jobRepository).start(lintStep).build();
    }

    @Bean
    public Step lintStep(JobRepository jobRepository, PlatformTransactionManager tm, DataSource dataSource, RunContext run,
                         ShadowSettings shadowSettings) {
        return new StepBuilder("lintStep", jobRepository).tasklet(new LintTasklet(run, dataSource, shadowSettings), tm).allowStartIfComplete(true).build();
    }
}
