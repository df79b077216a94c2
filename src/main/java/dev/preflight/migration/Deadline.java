package dev.preflight.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A bound on a whole migration run (verify's replay): once it passes, every statement still
 * running on the watched connections is cancelled ({@code pg_cancel_backend}), once a second until
 * the run gives up, so the run ends with an error instead of going on.
 */
public final class Deadline implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private volatile boolean passed;

    private Deadline(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** No deadline at all (null or zero {@code limit}): never passes. */
    public static Deadline none() {
        return new Deadline(null);
    }

    /** Starts the clock: after {@code limit}, cancels what runs on {@code connections}, using {@code admin} to do so. */
    public static Deadline start(Duration limit, TimeoutDataSource connections, DataSource admin) {
        if (limit == null || limit.isZero() || limit.isNegative()) {
            return none();
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "preflight-migration-deadline");
            t.setDaemon(true);
            return t;
        });
        Deadline d = new Deadline(timer);
        // the future is not kept: the timer is shut down with the deadline, which is the only way the task ends
        var unused = timer.scheduleAtFixedRate(() -> d.cancelAll(connections, admin), limit.toMillis(), 1_000, TimeUnit.MILLISECONDS);
        return d;
    }

    public boolean passed() {
        return passed;
    }

    private void cancelAll(TimeoutDataSource connections, DataSource admin) {
        passed = true;
        try (Connection c = admin.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT pg_cancel_backend(?)")) {
            for (int pid : connections.openPids()) {
                ps.setInt(1, pid);
                ps.execute();
            }
        } catch (SQLException e) {
            // The next tick tries again; the run's own statement timeout still bounds it.
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
