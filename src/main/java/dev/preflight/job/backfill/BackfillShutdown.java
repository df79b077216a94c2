package dev.preflight.job.backfill;

import dev.preflight.kernel.ShutdownGate;
import dev.preflight.run.Session;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.launch.JobOperator;

/**
 * SIGTERM handling for a backfill: a shutdown hook asks the running backfill to stop
 * ({@link JobOperator#stop}), so each partition finishes and commits its current chunk and the job
 * ends STOPPED (restartable), then holds the JVM until the command has written its report.
 */
public final class BackfillShutdown implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackfillShutdown.class);
    /** How long a SIGTERM waits for the current chunks and the report before the JVM exits anyway. */
    private static final long GRACE_SECONDS = 120;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "preflight-backfill-stop");
    private volatile Session session;

    private BackfillShutdown() {
    }

    public static BackfillShutdown install() {
        BackfillShutdown s = new BackfillShutdown();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** From now on a signal stops this session's backfill. */
    public void watch(Session session) {
        this.session = session; // not its operator yet: a run with nothing to embed never makes one
    }

    /**
     * Remembers the stop, then stops every backfill execution running, again every 200 ms until the command has reported:
     * a job that the main thread was launching when the signal came (not yet running, so the first look missed it) is
     * stopped as soon as it runs, rather than embedding every row while the signal waits.
     */
    @SuppressWarnings("removal") // Batch 6 keeps getRunningExecutions/stop(long) until its replacement takes a JobExecution we do not hold here
    private void onSignal() {
        ShutdownGate.signal(); // the process-wide word that a signal came: a target whose turn comes after it is not started
        log.info("backfill: stop requested (signal): finishing the current chunk, then stopping; targets not yet started are "
                + "skipped; run again to resume");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        Set<Long> stopped = new HashSet<>();
        try {
            do {
                Session watched = session;
                // no operator made: no job was started yet; the main thread sees the request before it starts one
                JobOperator op = watched == null ? null : watched.beanIfMade(JobOperator.class);
                if (op != null) {
                    for (Long id : op.getRunningExecutions(BackfillJobConfiguration.JOB)) {
                        if (stopped.add(id)) {
                            op.stop(id);
                        }
                    }
                }
            } while (!done.await(200, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("backfill: could not stop the job cleanly: {}", e.toString());
        }
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it has just been released
        }
    }
}
