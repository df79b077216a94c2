package dev.preflight.kernel;

import java.io.PrintStream;

/**
 * Where a command's time goes, for measuring start-up: with {@code PREFLIGHT_STARTUP_TRACE=1} each phase
 * (JVM start to main, inputs, connection, job repository, Spring context, job, report) prints its
 * milliseconds since the JVM started to stderr, and the Spring context its slowest start-up steps.
 */
public final class StartupTrace {

    private static final boolean ON = "1".equals(System.getenv("PREFLIGHT_STARTUP_TRACE"));
    private static final long START = ON ? start() : 0L;
    private static long last = START;

    private StartupTrace() {
    }

    /**
     * When the launcher started (bash's {@code $EPOCHREALTIME}, exported by {@code ./preflight}), else when the process
     * started: the kernel gives that in clock ticks after a boot time it rounds to the second, so it can be a second off.
     */
    private static long start() {
        String launched = System.getenv("PREFLIGHT_LAUNCHED_AT");
        if (launched != null && !launched.isBlank()) {
            try {
                return (long) (Double.parseDouble(launched.replace(',', '.')) * 1000);
            } catch (NumberFormatException e) {
                // a shell without $EPOCHREALTIME: the process's start below
            }
        }
        return ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
    }

    public static boolean on() {
        return ON;
    }

    /** Prints the time since the JVM started and since the previous mark. */
    public static synchronized void mark(String phase) {
        if (ON) {
            long now = System.currentTimeMillis();
            err().printf("[startup] %6d ms (+%5d) %s%n", now - START, now - last, phase);
            last = now;
        }
    }

    public static PrintStream err() {
        return System.err;
    }
}
