package dev.preflight.job.backfill;

import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The backfill job: a partitioned step (one id range per thread, see {@link IdRangePartitioner})
 * whose workers read and embed ahead ({@link PrefetchingReader}) and write each page of
 * {@code chunkSize} rows in one transaction ({@link PageTasklet}, {@link VectorWriter}). Each partition keeps its own restart
 * position. Started by {@link BackfillLauncher}, one job instance per target.
 */
@Configuration(proxyBeanMethods = false)
public class BackfillJobConfiguration {

    public static final String JOB = "backfill";

    @Bean
    public Job backfillJob(JobRepository jobRepository, Step backfillStep) {
        return new JobBuilder(JOB, jobRepository).start(backfillStep).build();
    }

    @Bean
    public Step backfillStep(JobRepository jobRepository, Step backfillWorkerStep, DataSource dataSource, BackfillTasks tasks) {
        return new StepBuilder("backfillStep", jobRepository)
                .partitioner("backfillWorkerStep", new IdRangePartitioner(dataSource, tasks))
                .step(backfillWorkerStep)
                .taskExecutor(new SimpleAsyncTaskExecutor("preflight-backfill-"))
                .build();
    }

    @Bean
    public Step backfillWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   PrefetchingReader backfillReader, VectorWriter backfillWriter) {
        return new StepBuilder("backfillWorkerStep", jobRepository)
                .tasklet(new PageTasklet(backfillReader, backfillWriter), transactionManager)
                .stream(backfillReader)
                .build();
    }

    @Bean
    @StepScope
    public PrefetchingReader backfillReader(BackfillTasks tasks) {
        return new PrefetchingReader(tasks.current());
    }

    @Bean
    @StepScope
    public VectorWriter backfillWriter(DataSource dataSource, BackfillTasks tasks) {
        return new VectorWriter(dataSource, tasks.current(), tasks.current().clearIssues());
    }
}
