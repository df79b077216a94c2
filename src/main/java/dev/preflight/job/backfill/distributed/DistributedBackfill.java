package dev.preflight.job.backfill.distributed;

import dev.preflight.broker.PartitionBroker;
import dev.preflight.job.backfill.BackfillJobConfiguration;
import dev.preflight.job.backfill.BackfillTasks;
import dev.preflight.job.backfill.IdRangePartitioner;
import dev.preflight.run.Session;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.integration.core.MessagingTemplate;

/**
 * The manager's backfill job for a distributed run: the same job and step names as the
 * in-process one ({@code backfill}, {@code backfillStep}, partitions {@code backfillWorkerStep:partitionN}),
 * so a run started here can be restarted either way; its partition step sends each id range to
 * the broker and polls the shared job repository ({@link PartitionWatch}) instead of running them.
 */
public final class DistributedBackfill implements AutoCloseable {

    private final PartitionBroker broker;
    private final Job job;
    private final DistributedSettings settings;

    public DistributedBackfill(Session session, DistributedSettings settings) throws Exception {
        this.settings = settings;
        this.broker = BackfillWorker.broker(session, settings.brokerUrl());
        try {
            broker.ping();
        } catch (PartitionBroker.BrokerUnavailableException e) {
            broker.close();
            throw new dev.preflight.kernel.PreflightException(dev.preflight.kernel.ExitCode.USAGE_OR_CONNECTION, e.getMessage(),
                    "start RabbitMQ (rabbitmq-server -detached) or fix --broker-url / PREFLIGHT_BROKER_URL");
        }
        DataSource dataSource = session.dataSource();
        JobRepository repository = session.bean(JobRepository.class);
        BackfillTasks tasks = session.bean(BackfillTasks.class);
        MessagingTemplate template = new MessagingTemplate(broker.requests());
        MessageChannelPartitionHandler remote = new MessageChannelPartitionHandler();
        remote.setStepName(PartitionWatch.WORKER_STEP);
        remote.setMessagingOperations(template);
        remote.setJobRepository(repository); // poll the repository for the workers' results: a lost reply costs nothing
        remote.setPollInterval(1000);
        remote.afterPropertiesSet();
        PartitionWatch watch = new PartitionWatch(remote, broker, repository, dataSource, tasks, settings);
        this.job = new JobBuilder(BackfillJobConfiguration.JOB, repository)
                .start(new StepBuilder("backfillStep", repository)
                        .partitioner(PartitionWatch.WORKER_STEP, new IdRangePartitioner(dataSource, tasks))
                        .partitionHandler(watch)
                        .build())
                .build();
    }

    public Job job() {
        return job;
    }

    public DistributedSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        broker.close();
    }
}
