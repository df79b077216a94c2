package dev.preflight.run;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.db.Connections;
import dev.preflight.embedded.SharedClusters;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ShutdownGate;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and SIGINT for a job command (migrate, seed, retune, verify, lint, a plan such as gate):
 * a shutdown hook cancels, on the server, the statements this process is running (their
 * transactions roll back, so nothing is half-applied), lets the command record the failure and
 * write its report, and holds the JVM until then, at most {@link #GRACE_SECONDS}. Without it the
 * process ended at once: the server rolled the work back as well, but no report said so.
 * Backfill stops after its current chunk instead ({@code BackfillShutdown}), the scheduler after
 * its current step; both handle the signal themselves.
 */
public final class SignalStop implements AutoCloseable {

    /** The check of a run a signal stopped: a blocker, so that its report is never READY. */
    static final String CHECK_ID = "RUN001";
    private static final String CHECK_TITLE = "The run was not stopped before it finished";

    /** How long the hook waits for the command to record the stop and write its report. */
    static final long GRACE_SECONDS = 30;

    /**
     * This process's statements that are running, not the job repository's or the run history's
     * (cancelling those would leave the run's own record half-written); application_name carries
     * the process id ({@link Connections#APPLICATION_NAME}).
     */
    static final String CANCEL = "SELECT count(*) FILTER (WHERE pg_cancel_backend(pid)) FROM pg_stat_activity WHERE application_name = ? "
            + "AND pid <> pg_backend_pid() AND state = 'active' AND query !~* '(batch_(job|step)_|run_history)'";

    private static volatile boolean handledElsewhere;

    private final DatabaseUrl url;
    private final Console console;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "preflight-signal-stop");
    private volatile boolean reporting;
    private volatile String stoppedAt;

    private SignalStop(DatabaseUrl url, Console console) {
        this.url = url;
        this.console = console;
    }

    /** Installs the hook for a session on {@code url}; null when a caller handles signals itself (the scheduler). */
    static SignalStop install(DatabaseUrl url, Console console) {
        if (handledElsewhere) {
            return null;
        }
        SignalStop s = new SignalStop(url, console);
        Runtime.getRuntime().addShutdownHook(s.hook);
        ShutdownGate.enter(); // an embedded cluster's stop waits for this run's report
        return s;
    }

    /** For commands that stop their work on a signal their own way (schedule): sessions then install no hook. */
    public static void handledElsewhere() {
        handledElsewhere = true;
    }

    /**
     * The command is writing its report: its statements are not cancelled any more. Returns the
     * RUN001 outcome when a signal stopped the run (a blocker finding naming when and the way to
     * finish), else null.
     */
    CheckOutcome reporting(String command, String runId) {
        reporting = true;
        if (stoppedAt == null) {
            return null;
        }
        return new CheckOutcome(CHECK_ID, CHECK_TITLE, command, CheckOutcome.Status.FAILED, "stopped on a signal at " + stoppedAt,
                List.of(new Finding(CHECK_ID, Severity.BLOCKER, "run " + runId, "the run was stopped on a signal at " + stoppedAt
                        + ": the statements running then were cancelled and their transactions rolled back, and later steps did not run",
                        "finished", "stopped", "run the command again, or ./preflight restart " + runId + ", to finish")));
    }

    private void onSignal() {
        ShutdownGate.signal();
        stoppedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        console.err().println("[preflight] stopping on a signal: cancelling this run's statements on the server (their transactions "
                + "roll back); the report follows");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        // the target's server, and the shadow clusters this process runs (lint and verify replay migrations there)
        List<DatabaseUrl> servers = new ArrayList<>();
        servers.add(url);
        servers.addAll(SharedClusters.runningAdminUrls());
        List<Connection> connections = new ArrayList<>();
        try {
            for (DatabaseUrl server : servers) {
                try {
                    connections.add(Connections.open(server));
                } catch (RuntimeException e) {
                    console.err().println("[preflight] could not cancel the running statements on " + server.masked() + " ("
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "): the server rolls them back once this process "
                            + "has exited");
                }
            }
            // again until the command reports: a plan or Flyway may start a statement after the first one was cancelled
            while (!connections.isEmpty() && !reporting && System.nanoTime() < deadline) {
                for (Connection c : connections) {
                    cancel(c);
                }
                if (done.await(200, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            connections.forEach(c -> {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the process is ending
                }
            });
        }
        try {
            done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void cancel(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(CANCEL)) {
            ps.setString(1, Connections.APPLICATION_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        } catch (SQLException e) {
            // that server went away (a shadow cluster the run stopped): nothing runs there any more
        }
    }

    /** The command is done (report written, or failed): the hook, if running, lets the JVM exit. */
    @Override
    public void close() {
        if (done.getCount() == 0) {
            return;
        }
        done.countDown();
        ShutdownGate.leave();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it has just been released
        }
    }
}
