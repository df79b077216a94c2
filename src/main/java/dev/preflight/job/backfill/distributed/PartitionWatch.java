package dev.preflight.job.backfill.distributed;

import dev.preflight.broker.PartitionBroker;
import dev.preflight.job.backfill.BackfillTask;
import dev.preflight.job.backfill.BackfillTasks;
import dev.preflight.report.EmbeddingsSection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.messaging.support.GenericMessage;

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
        Watch watch = new Watch(manager.getJobExecutionId(), tasks.current());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "preflight-backfill-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(watch::tick, 1, 1, TimeUnit.SECONDS);
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
            if (watch.failure != null) {
                throw new IllegalStateException(watch.failure + "; run ./preflight restart <run-id> (or backfill again) to finish "
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

    /** The state of one wait: progress reported so far, when workers or the broker were last seen, re-sends. */
    private final class Watch {

        private final long jobExecutionId;
        private final BackfillTask task;
        private final Map<Long, Long> firstSeen = new HashMap<>();
        private final Map<Long, Long> resent = new HashMap<>();
        private final long timeoutNanos = (long) (settings.workerTimeoutSeconds() * 1e9);
        private long reported;
        private Long noWorkerSince;
        private Long brokerDownSince;
        private volatile String failure;

        Watch(long jobExecutionId, BackfillTask task) {
            this.jobExecutionId = jobExecutionId;
            this.task = task;
            noWorkerSince = null;
        }

        synchronized void tick() {
            try {
                long rows = table.rowsDone(jobExecutionId);
                task.progress().add(rows - reported);
                reported = rows;
                List<WorkerTable.Partition> open = table.unfinished(jobExecutionId, settings.workerTimeoutSeconds());
                if (open.isEmpty()) {
                    return;
                }
                if (failure != null) {
                    failUnheld(open);
                    return;
                }
                long now = System.nanoTime();
                long[] live = table.live(settings.workerTimeoutSeconds());
                if (live[0] == 0) {
                    noWorkerSince = noWorkerSince == null ? now : noWorkerSince;
                    if (now - noWorkerSince > timeoutNanos) {
                        fail("no live worker for " + Math.round(settings.workerTimeoutSeconds()) + " s (--worker-timeout) with "
                                + open.size() + " partition(s) unfinished: start workers with ./preflight worker --broker-url ... "
                                + "against this database");
                        return;
                    }
                } else {
                    noWorkerSince = null;
                }
                boolean brokerUp = pingBroker(now);
                if (failure != null) {
                    return;
                }
                for (WorkerTable.Partition p : open) {
                    resendIfStranded(p, live[1] > 0, brokerUp, now);
                }
            } catch (Exception e) {
                log.warn("backfill: watching the partitions failed this second (retrying): {}", e.toString());
            }
        }

        private boolean pingBroker(long now) {
            try {
                broker.ping();
                if (brokerDownSince != null) {
                    log.info("backfill: broker {} reachable again", broker.describe());
                }
                brokerDownSince = null;
                return true;
            } catch (PartitionBroker.BrokerUnavailableException e) {
                if (brokerDownSince == null) {
                    brokerDownSince = now;
                    log.warn("backfill: {}; partitions already taken go on, waiting up to {} s (--broker-timeout)", e.getMessage(),
                            Math.round(settings.brokerTimeoutSeconds()));
                }
                if (now - brokerDownSince > (long) (settings.brokerTimeoutSeconds() * 1e9)) {
                    fail(e.getMessage() + " for more than " + Math.round(settings.brokerTimeoutSeconds()) + " s (--broker-timeout)");
                }
                return false;
            }
        }

        /** A partition no live worker holds is sent again when its worker went silent, or when a worker idles while it waits. */
        private void resendIfStranded(WorkerTable.Partition p, boolean idleWorker, boolean brokerUp, long now) {
            if (p.alive() || !brokerUp) {
                return;
            }
            boolean lost = p.worker() != null;
            long first = firstSeen.computeIfAbsent(p.stepExecutionId(), k -> now); // first sight counts as its send
            Long sent = resent.get(p.stepExecutionId());
            if (sent != null && now - sent < timeoutNanos) {
                return;
            }
            if (!lost && (!idleWorker || now - first < timeoutNanos)) {
                return; // queued behind the partitions the workers are running, or just sent
            }
            try {
                if (lost) {
                    log.warn("backfill: worker {} lost (no heartbeat for {} s): partition (step execution {}) sent again; it resumes "
                            + "after its last committed chunk", p.worker(), Math.round(p.silentSeconds()), p.stepExecutionId());
                    table.update(WorkerTable.RELEASE_LOST, p.stepExecutionId());
                } else {
                    log.info("backfill: step execution {} waits while a worker idles: its request was lost, sent again",
                            p.stepExecutionId());
                }
                broker.requests().send(new GenericMessage<>(new StepExecutionRequest(WORKER_STEP, p.stepExecutionId())));
                resent.put(p.stepExecutionId(), now);
            } catch (Exception e) {
                log.warn("backfill: could not send step execution {} again: {}", p.stepExecutionId(), rootMessage(e));
            }
        }

        void fail(String reason) {
            if (failure == null) {
                failure = reason;
                log.error("backfill: {}", reason);
            }
            try {
                failUnheld(table.unfinished(jobExecutionId, settings.workerTimeoutSeconds()));
            } catch (Exception e) {
                log.warn("backfill: marking the unfinished partitions failed: {}", e.toString());
            }
        }

        /** Marks FAILED the unfinished partitions no live worker holds, under each partition's lock (a worker claims under it). */
        private void failUnheld(List<WorkerTable.Partition> open) throws Exception {
            for (WorkerTable.Partition p : open) {
                if (p.alive()) {
                    continue;
                }
                try (Connection c = dataSource.getConnection()) {
                    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                        lock.setLong(1, WorkerTable.lockKey(p.stepExecutionId()));
                        lock.execute();
                    }
                    try {
                        boolean stillUnheld = table.unfinished(jobExecutionId, settings.workerTimeoutSeconds()).stream()
                                .anyMatch(q -> q.stepExecutionId() == p.stepExecutionId() && !q.alive());
                        if (stillUnheld) {
                            markFailed(p.stepExecutionId());
                        }
                    } finally {
                        try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                            unlock.setLong(1, WorkerTable.lockKey(p.stepExecutionId()));
                            unlock.execute();
                        }
                    }
                }
            }
        }

        private void markFailed(long stepExecutionId) {
            for (int attempt = 0; attempt < 5; attempt++) {
                StepExecution se = repository.getStepExecution(stepExecutionId);
                if (se == null || !se.getStatus().isRunning()) {
                    return;
                }
                se.setStatus(BatchStatus.FAILED);
                se.setExitStatus(ExitStatus.FAILED.addExitDescription(failure));
                se.setEndTime(LocalDateTime.now());
                try {
                    repository.update(se);
                    return;
                } catch (OptimisticLockingFailureException e) {
                    // a dying worker committed meanwhile: read it again
                }
            }
        }

        /** Final figures: the workers' committed counts and each worker's share go to the run's statistics. */
        void finish() {
            try {
                long rows = table.rowsDone(jobExecutionId);
                task.progress().add(rows - reported);
                reported = rows;
                List<WorkerTable.WorkerRows> per = table.perWorker(jobExecutionId);
                task.stats().addRemote(per.stream().mapToLong(WorkerTable.WorkerRows::embedded).sum(),
                        per.stream().mapToLong(WorkerTable.WorkerRows::refreshed).sum(),
                        per.stream().mapToLong(WorkerTable.WorkerRows::skipped).sum(),
                        per.stream().mapToLong(WorkerTable.WorkerRows::failed).sum(),
                        per.stream().map(w -> new EmbeddingsSection.Worker(w.worker(), w.host(), w.rows(), w.partitions(),
                                w.seconds() <= 0 ? 0 : Math.round(w.rows() / w.seconds() * 10) / 10.0)).toList());
                per.forEach(w -> log.info("backfill: worker {} ({}): {} row(s) in {} partition(s), {} rows/s", w.worker(), w.host(),
                        w.rows(), w.partitions(), w.seconds() <= 0 ? "-" : Math.round(w.rows() / w.seconds())));
            } catch (Exception e) {
                log.warn("backfill: reading the workers' counts failed: {}", e.toString());
            }
        }
    }
}
