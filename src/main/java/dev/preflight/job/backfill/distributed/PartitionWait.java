package dev.preflight.job.backfill.distributed;

import dev.preflight.broker.PartitionBroker;
import dev.preflight.job.backfill.BackfillTask;
import dev.preflight.report.EmbeddingsSection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.messaging.support.GenericMessage;

/**
 * The state of one wait of {@link PartitionWatch}, ticked once a second: progress reported so far,
 * when workers or the broker were last seen, which partitions were sent again, and why the wait
 * failed; at the end, the workers' final figures.
 */
final class PartitionWait {

    private static final Logger log = LoggerFactory.getLogger(PartitionWait.class);

    private final long jobExecutionId;
    private final BackfillTask task;
    private final Map<Long, Long> firstSeen = new HashMap<>();
    private final Map<Long, Long> resent = new HashMap<>();
    private final WorkerTable table;
    private final PartitionBroker broker;
    private final JobRepository repository;
    private final DataSource dataSource;
    private final DistributedSettings settings;
    private final long timeoutNanos;
    private long reported;
    private Long noWorkerSince;
    private Long brokerDownSince;
    private volatile String failure;

    PartitionWait(long jobExecutionId, BackfillTask task, WorkerTable table, PartitionBroker broker, JobRepository repository,
                  DataSource dataSource, DistributedSettings settings) {
        this.jobExecutionId = jobExecutionId;
        this.task = task;
        this.table = table;
        this.broker = broker;
        this.repository = repository;
        this.dataSource = dataSource;
        this.settings = settings;
        this.timeoutNanos = (long) (settings.workerTimeoutSeconds() * 1e9);
    }

    /** Why the wait failed (no live worker, the broker gone), or null. */
    String failure() {
        return failure;
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
            broker.requests().send(new GenericMessage<>(new StepExecutionRequest(PartitionWatch.WORKER_STEP, p.stepExecutionId())));
            resent.put(p.stepExecutionId(), now);
        } catch (Exception e) {
            log.warn("backfill: could not send step execution {} again: {}", p.stepExecutionId(), PartitionWatch.rootMessage(e));
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
            se.setEndTime(LocalDateTime.now(java.time.ZoneId.systemDefault()));
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
