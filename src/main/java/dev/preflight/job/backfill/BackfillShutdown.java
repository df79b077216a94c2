package dev.preflight.job.backfill;

import dev.preflight.run.Session;
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

    @SuppressWarnings("removal") // Batch 6 keeps getRunningExecutions/stop(long) until its replacement takes a JobExecution we do not hold here
    private void onSignal() {
        Session watched = session;
        // no operator made: no job was started, so none runs
        JobOperator op = watched == null ? null : watched.beanIfMade(JobOperator.class);
        if (op == null) {
            return;
        }
        try {
            for (Long id : op.getRunningExecutions(BackfillJobConfiguration.JOB)) {
                op.stop(id);
                log.info("backfill: stop requested (signal): finishing the current chunk, then stopping; run again to resume");
            }
            done.await(GRACE_SECONDS, TimeUnit.SECONDS);
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
