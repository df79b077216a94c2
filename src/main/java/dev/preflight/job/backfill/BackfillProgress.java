package dev.preflight.job.backfill;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows done out of the rows pending, the rate and the time left: a live line rewritten every
 * second on a terminal, a log line every ten seconds otherwise (CI logs, pipes).
 */
public final class BackfillProgress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackfillProgress.class);

    private final String target;
    private final long total;
    private final PrintStream terminal;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private volatile long endNanos;

    /** @param terminal where to draw the live line, or null to log instead */
    public BackfillProgress(String target, long total, PrintStream terminal) {
        this.target = target;
        this.total = total;
        this.terminal = terminal;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "preflight-backfill-progress");
            t.setDaemon(true);
            return t;
        });
        long every = terminal != null ? 1 : 10;
        var unused = timer.scheduleAtFixedRate(this::show, every, every, TimeUnit.SECONDS); // ends with the timer's shutdown
    }

    public void add(long rows) {
        done.addAndGet(rows);
    }

    public long done() {
        return done.get();
    }

    /** Time since the start, up to {@link #close()}. */
    public Duration elapsed() {
        return Duration.ofNanos((endNanos != 0 ? endNanos : System.nanoTime()) - startNanos);
    }

    /** Rows per second since the start, up to {@link #close()}. */
    public double rate() {
        double s = elapsed().toNanos() / 1e9;
        return s <= 0 ? 0 : done.get() / s;
    }

    String line() {
        long d = done.get();
        double rate = rate();
        String eta = rate <= 0 || d >= total ? "-" : format(Duration.ofSeconds((long) ((total - d) / rate)));
        return String.format("backfill %s: %,d/%,d rows (%d%%), %,.0f rows/s, ETA %s", target, d, total,
                total == 0 ? 100 : Math.min(100, d * 100 / total), rate, eta);
    }

    private void show() {
        if (terminal != null) {
            terminal.print("\r" + line() + "   ");
            terminal.flush();
        } else {
            log.info(line());
        }
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (endNanos == 0) {
            endNanos = System.nanoTime();
        }
        timer.shutdownNow();
        if (terminal != null) {
            terminal.print("\r" + line() + "   \n");
            terminal.flush();
        }
    }
}
