package dev.preflight.job.backfill.distributed;

import dev.preflight.broker.PartitionBroker;
import dev.preflight.config.EmbeddingTarget;
import dev.preflight.config.EmbeddingsConfig;
import dev.preflight.job.backfill.BackfillProgress;
import dev.preflight.job.backfill.BackfillSql;
import dev.preflight.job.backfill.BackfillStats;
import dev.preflight.job.backfill.BackfillTask;
import dev.preflight.job.backfill.BackfillTasks;
import dev.preflight.job.backfill.PageTasklet;
import dev.preflight.job.backfill.PrefetchingReader;
import dev.preflight.job.backfill.TargetInspector;
import dev.preflight.job.backfill.VectorWriter;
import dev.preflight.job.backfill.provider.EmbeddingProvider;
import dev.preflight.job.backfill.provider.Providers;
import dev.preflight.run.Session;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A worker process: registers itself in {@code preflight.backfill_workers}, beats its heart every
 * {@value #HEARTBEAT_SECONDS} seconds, and runs the partitions the broker delivers, one at a time,
 * with Spring Batch's {@link StepExecutionRequestHandler}: the step execution is read from the
 * shared job repository, so a partition resumes after its last committed chunk whoever ran it
 * before. A request is run only after the worker claims its partition (no other worker holds it,
 * it is still unfinished): a duplicate or late request is dropped, never run twice.
 */
public final class BackfillWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackfillWorker.class);
    public static final int HEARTBEAT_SECONDS = 2;

    private final Session session;
    private final PartitionBroker broker;
    private final String id;
    private final WorkerTable table;
    private final JobRepository repository;
    private final BackfillTasks tasks;
    private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
    private final Map<String, EmbeddingProvider> providers = new HashMap<>();
    private final BackfillProgress progress;
    private final ScheduledExecutorService heart;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Thread busy;

    public BackfillWorker(Session session, PartitionBroker broker, String id) throws Exception {
        this.session = session;
        this.broker = broker;
        this.id = id;
        DataSource dataSource = session.dataSource();
        this.table = new WorkerTable(dataSource);
        this.repository = session.bean(JobRepository.class);
        this.tasks = session.bean(BackfillTasks.class);
        table.ensure();
        try (Connection c = dataSource.getConnection()) {
            new TargetInspector(c).ensureStateTables();
        }
        PrefetchingReader reader = session.bean("backfillReader", PrefetchingReader.class);
        Step step = new StepBuilder("backfillWorkerStep", repository)
                .tasklet(new PageTasklet(reader, new CountingWriter(session.bean("backfillWriter", VectorWriter.class), dataSource, id)),
                        session.bean(PlatformTransactionManager.class))
                .stream(reader)
                .build();
        handler.setJobRepository(repository);
        handler.setStepLocator(name -> name.equals(step.getName()) ? step : null);
        // the worker's own progress is the partitions it logs; the manager sums every worker's rows from the database
        progress = new BackfillProgress("worker", 0, null);
        progress.close();
        table.update(WorkerTable.REGISTER, id, java.net.InetAddress.getLocalHost().getHostName(), ProcessHandle.current().pid());
        heart = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "preflight-worker-heartbeat");
            t.setDaemon(true);
            return t;
        });
        var unused = heart.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS); // ends with the heart's shutdown
    }

    /** The broker for this database's queue (creating the distributed backfill's tables when missing). */
    public static PartitionBroker broker(Session session, String url) throws java.sql.SQLException {
        WorkerTable table = new WorkerTable(session.dataSource());
        table.ensure();
        return new dev.preflight.broker.RabbitBroker(url, table.queue());
    }

    private void beat() {
        try {
            table.update(WorkerTable.HEARTBEAT, id);
        } catch (Exception e) {
            log.warn("worker {}: heartbeat failed (the manager re-sends this worker's partition if it stays silent): {}", id, e.toString());
        }
    }

    /** Takes partitions from the broker until {@link #stop} (SIGTERM) or {@code seconds} pass (0: no limit). */
    public void run(long seconds) throws InterruptedException {
        broker.consume(this::handle);
        log.info("worker {}: waiting for partitions from {} (one at a time; heartbeat every {} s)", id, broker.describe(), HEARTBEAT_SECONDS);
        if (seconds > 0) {
            stopped.await(seconds, TimeUnit.SECONDS);
        } else {
            stopped.await();
        }
    }

    /** Stops taking partitions and gives the running one up to {@code graceSeconds} to finish. */
    public void stop(long graceSeconds) {
        broker.stopConsuming();
        Thread t = busy;
        if (t != null) {
            log.info("worker {}: stopping: letting the running partition finish (up to {} s)", id, graceSeconds);
            try {
                t.join(TimeUnit.SECONDS.toMillis(graceSeconds));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopped.countDown();
    }

    void handle(StepExecutionRequest request) {
        long stepId = request.getStepExecutionId();
        try {
            StepExecution se = repository.getStepExecution(stepId);
            if (se == null || !se.getStatus().isRunning() || !se.getJobExecution().isRunning()) {
                log.info("worker {}: request for step execution {} dropped: {}", id, stepId,
                        se == null ? "unknown" : "already " + se.getStatus() + " (job " + se.getJobExecution().getStatus() + ")");
                return;
            }
            if (!table.claim(id, stepId)) {
                log.info("worker {}: {} (execution {}) is held by another worker or finished; request dropped", id, se.getStepName(), stepId);
                return;
            }
        } catch (Exception e) {
            log.warn("worker {}: could not claim step execution {} (the manager re-sends it): {}", id, stepId, e.toString());
            return;
        }
        busy = Thread.currentThread();
        try {
            StepExecution se = repository.getStepExecution(stepId);
            JobExecution job = se.getJobExecution();
            try {
                tasks.current(task(job.getJobParameters()));
            } catch (RuntimeException e) {
                fail(se, e.getMessage());
                return;
            }
            table.update(WorkerTable.START_ROWS, job.getId(), id);
            String resume = se.getExecutionContext().containsKey("backfill.last") ? "after id " + se.getExecutionContext().getString("backfill.last")
                    : "at its start";
            log.info("worker {}: running {} (execution {}, job execution {}), resuming {}", id, se.getStepName(), stepId, job.getId(), resume);
            long t0 = System.nanoTime();
            StepExecution done = handler.handle(request);
            double s = (System.nanoTime() - t0) / 1e9;
            log.info("worker {}: {} {}: {} row(s) written in total, {} s here{}", id, done.getStepName(), done.getStatus(),
                    done.getWriteCount(), String.format("%.1f", s), done.getFailureExceptions().isEmpty() ? ""
                            : " (" + done.getFailureExceptions().get(0) + ")");
        } catch (Exception e) {
            log.warn("worker {}: step execution {} ended with an error: {}", id, stepId, e.toString());
        } finally {
            busy = null;
            try {
                table.update(WorkerTable.RELEASE, id, stepId);
            } catch (Exception e) {
                log.warn("worker {}: could not release step execution {}: {}", id, stepId, e.toString());
            }
        }
    }

    /** Builds the task from the job's parameters with this worker's own configuration (provider settings, API key). */
    private BackfillTask task(JobParameters p) throws RuntimeException {
        EmbeddingsConfig config = session.run().config().embeddings();
        EmbeddingTarget target = config.target(p.getString("target"));
        TargetInspector.Shape shape;
        try (Connection c = session.dataSource().getConnection()) {
            shape = new TargetInspector(c).shape(target);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("db: reading the shape of " + target.table() + ": " + e.getMessage(), e);
        }
        if (shape == null) {
            throw new IllegalStateException("table " + target.table() + " does not exist in this worker's database");
        }
        String providerName = p.getString("provider");
        EmbeddingProvider provider = providers.computeIfAbsent(target.name() + "/" + providerName,
                k -> Providers.create(providerName, target, config, session.console(), shape.dimensions()));
        if (!provider.model().equals(p.getString("model"))) {
            throw new IllegalStateException("worker " + id + " embeds " + target.name() + " with model " + provider.model()
                    + " but the job was started with " + p.getString("model") + ": give workers the manager's jobs/preflight.yaml");
        }
        return new BackfillTask(target, new BackfillSql(target, shape.idType()), provider, session.target().ddlUrl(), config.chunkSize(), 1,
                "reembed".equals(p.getString("mode")), null, new BackfillStats(), progress);
    }

    /** A partition this worker cannot run (its configuration differs): FAILED with the reason, so the manager reports it. */
    private void fail(StepExecution se, String reason) {
        log.error("worker {}: cannot run {}: {}", id, se.getStepName(), reason);
        se.setStatus(BatchStatus.FAILED);
        se.setExitStatus(ExitStatus.FAILED.addExitDescription("worker " + id + ": " + reason));
        se.setEndTime(LocalDateTime.now(java.time.ZoneId.systemDefault()));
        repository.update(se);
    }

    @Override
    public void close() {
        heart.shutdownNow();
        try {
            table.update(WorkerTable.STOPPED, id);
        } catch (Exception e) {
            log.warn("worker {}: could not record its stop: {}", id, e.toString());
        }
        providers.values().forEach(EmbeddingProvider::close);
    }
}
