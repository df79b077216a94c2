package dev.preflight.job.retune;

import dev.preflight.run.RunContext;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
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
 * The retune job: measure every vector index against exact search, rebuild the IVFFlat indexes
 * that need it online, optionally compare with HNSW, then recommend (and optionally apply) probes.
 */
@Configuration(proxyBeanMethods = false)
public class RetuneJobConfiguration {

    public static final String JOB = "retune";

    @Bean
    public RetuneState retuneState() {
        return new RetuneState();
    }

    @Bean
    public Job retuneJob(JobRepository jobRepository, Step retuneMeasureStep, Step retuneRebuildStep, Step retuneCompareHnswStep,
                         Step retuneRecommendStep) {
        return new JobBuilder(JOB, jobRepository)
                .start(retuneMeasureStep).next(retuneRebuildStep).next(retuneCompareHnswStep).next(retuneRecommendStep)
                .build();
    }

    @Bean
    public Step retuneMeasureStep(JobRepository repo, PlatformTransactionManager tx, DataSource ds, RunContext run, RetuneState state) {
        return step("retuneMeasureStep", repo, tx, new MeasureTasklet(ds, run, state));
    }

    @Bean
    public Step retuneRebuildStep(JobRepository repo, PlatformTransactionManager tx, DataSource ds, RunContext run, RetuneState state) {
        return step("retuneRebuildStep", repo, tx, new RebuildTasklet(ds, run, state));
    }

    @Bean
    public Step retuneCompareHnswStep(JobRepository repo, PlatformTransactionManager tx, DataSource ds, RetuneState state) {
        return step("retuneCompareHnswStep", repo, tx, new CompareHnswTasklet(ds, state));
    }

    @Bean
    public Step retuneRecommendStep(JobRepository repo, PlatformTransactionManager tx, DataSource ds, RunContext run, RetuneState state) {
        return step("retuneRecommendStep", repo, tx, new RecommendTasklet(ds, run, state));
    }

    /** Every step re-runs on a restart: measurements go stale, and the state between steps lives in memory. */
    private static Step step(String name, JobRepository repo, PlatformTransactionManager tx, Tasklet tasklet) {
        Tasklet logged = (contribution, chunk) -> {
            try {
                return tasklet.execute(contribution, chunk);
            } catch (Exception e) {
                // Batch's own step logging is off (see kernel.LogConfigurator): say here what failed, once.
                LoggerFactory.getLogger(RetuneJobConfiguration.class).error("{} failed: {}", name, e.toString());
                throw e;
            }
        };
        return new StepBuilder(name, repo).tasklet(logged, tx).allowStartIfComplete(true).build();
    }
}
