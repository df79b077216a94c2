package dev.preflight.kernel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Work that other shutdown hooks must let finish: a run stopped by a signal still writes its report
 * through its database connection, so the hook that stops an embedded PostgreSQL waits for it. It
 * also says whether a signal came, for the words of what the signal cancelled.
 */
public final class ShutdownGate {

    private static final Object LOCK = new Object();
    private static int open;

    private static volatile boolean signalled;

    private ShutdownGate() {
    }

    /** A signal (SIGTERM, SIGINT) asked the process to stop: statements cancelled from now on were cancelled for it. */
    public static void signal() {
        signalled = true;
    }

    public static boolean signalled() {
        return signalled;
    }

    /** Why the server cancelled a statement no blocking session was seen for: the signal, or its own timeout. */
    public static String cancelledBecause() {
        return signalled ? "; cancelled because the run was stopped on a signal"
                : "; no blocking session was seen (the statement itself ran out of time)";
    }

    /** Work begins that a shutdown must wait for; {@link #leave} when it ends. */
    public static void enter() {
        synchronized (LOCK) {
            open++;
        }
    }

    public static void leave() {
        synchronized (LOCK) {
            open--;
            LOCK.notifyAll();
        }
    }

    /** Waits, at most {@code limit}, until no work is open; any number of hooks may wait together. */
    public static void awaitIdle(Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        synchronized (LOCK) {
            try {
                while (open > 0) {
                    long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                    if (left <= 0) {
                        return; // the work overran its grace: the hook goes on, as the process is ending anyway
                    }
                    LOCK.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
