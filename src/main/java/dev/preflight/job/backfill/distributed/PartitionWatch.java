package dev.preflight.job.backfill.distributed;

import dev.preflight.broker.PartitionBroker;
import dev.preflight.job.backfill.BackfillTasks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;

/**
 * The manager's side of remote partitioning: Spring Batch's {@link MessageChannelPartitionHandler}
 * sends the partitions and polls the job repository until none is running, while this watch, once
 * a second, sums the workers' committed rows into the progress line and keeps the wait bounded:
 * a partition whose worker fell silent for the worker timeout is released and sent again (the
 * next worker resumes it after its last committed chunk); with no live worker for that long, or
 * the broker unreachable for the broker timeout, the partitions no live worker holds are marked
 * FAILED with the reason, the ones live workers are running are let finish, and the step fails
 * with that reason: a restart runs only the unfinished partitions.
 */
final class PartitionWatch implements PartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(PartitionWatch.class);
    static final String WORKER_STEP = "backfillWorkerStep";

    private final MessageChannelPartitionHandler remote;
    private final PartitionBroker broker;
    private final JobRepository repository;
    private final DataSource dataSource;
    private final WorkerTable table;
    private final BackfillTasks tasks;
    private final DistributedSettings settings;

    PartitionWatch(MessageChannelPartitionHandler remote, PartitionBroker broker, JobRepository repository, DataSource dataSource,
                   BackfillTasks tasks, DistributedSettings settings) {
        this.remote = remote;
        this.broker = broker;
        this.repository = repository;
        this.dataSource = dataSource;
        this.table = new WorkerTable(dataSource);
        this.tasks = tasks;
        this.settings = settings;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
        PartitionWait watch = new PartitionWait(manager.getJobExecutionId(), tasks.current(), table, broker, repository, dataSource, settings);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "preflight-backfill-watch");
            t.setDaemon(true);
            return t;
        });
        var unused = timer.scheduleWithFixedDelay(watch::tick, 1, 1, TimeUnit.SECONDS); // ends with the timer's shutdown
        try {
            Collection<StepExecution> result;
            try {
                result = remote.handle(splitter, manager);
            } catch (org.springframework.messaging.MessagingException e) {
                // the broker failed while the requests were sent: fail what was not taken, let the rest finish
                watch.fail("could not send the partitions: " + PartitionBroker.class.getSimpleName() + " " + broker.describe()
                        + " unreachable (" + rootMessage(e) + ")");
                while (!table.unfinished(manager.getJobExecutionId(), settings.workerTimeoutSeconds()).isEmpty()) {
                    Thread.sleep(1000);
                }
                result = List.of();
            }
            watch.tick();
            if (watch.failure() != null) {
                throw new IllegalStateException(watch.failure() + "; run ./preflight restart <run-id> (or backfill again) to finish "
                        + "the unfinished partitions");
            }
            String failed = failures(manager.getJobExecutionId());
            if (failed != null) {
                throw new IllegalStateException(failed);
            }
            return result;
        } finally {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            watch.finish();
            refresh(manager);
        }
    }

    /**
     * Brings the manager's copies of the partitions (made when it split the step, never touched since: the workers ran
     * them) up to what the workers recorded, so the run's report lists each partition's final status and time.
     */
    private void refresh(StepExecution manager) {
        for (StepExecution copy : manager.getJobExecution().getStepExecutions()) {
            if (!copy.getStepName().startsWith(WORKER_STEP + ":")) {
                continue;
            }
            try {
                StepExecution done = repository.getStepExecution(copy.getId());
                if (done != null) {
                    copy.setStatus(done.getStatus());
                    copy.setExitStatus(done.getExitStatus());
                    copy.setStartTime(done.getStartTime());
                    copy.setEndTime(done.getEndTime());
                    copy.setReadCount(done.getReadCount());
                    copy.setWriteCount(done.getWriteCount());
                    copy.setCommitCount(done.getCommitCount());
                    copy.setRollbackCount(done.getRollbackCount());
                    copy.setVersion(done.getVersion());
                }
            } catch (RuntimeException e) {
                log.warn("backfill: reading partition {} for the report failed: {}", copy.getStepName(), e.toString());
            }
        }
    }

    /** Exit descriptions of this execution's failed partitions (a worker that could not run one says why there). */
    private String failures(long jobExecutionId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT string_agg(DISTINCT "
                + "split_part(exit_message, E'\\n', 1), '; ') FROM preflight.batch_step_execution WHERE job_execution_id = ? "
                + "AND step_name LIKE '" + WORKER_STEP + ":%' AND status = 'FAILED' AND exit_message <> ''")) {
            ps.setLong(1, jobExecutionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
