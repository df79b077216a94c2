package dev.preflight.job.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The backfill's progress line: done out of pending, the rate since the start and the time left,
 * frozen at {@code close()}, drawn live on a terminal.
 *
 * <p>Mutations known to be killed (PIT): the elapsed time not frozen at close (or at a second
 * close), or computed with the wrong sign; the rate as a product, or 0; the time left from the
 * rows done instead of the rows left; ETA shown for a finished target; the percentage above 100 or
 * wrong for an empty one; hours dropped at exactly one hour; no live line on a terminal, or the
 * log's ten-second period used for it; no final line at close.
 */
class BackfillProgressTests {

    @Test
    void theFiguresFreezeAtCloseAndTheTerminalGetsALiveAndAFinalLine() throws Exception {
        // given a run of 1 row done out of 1,000, drawn on a terminal, closed once the first live line is drawn
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        long before = System.nanoTime();
        BackfillProgress p = new BackfillProgress("items", 1000, new PrintStream(terminal, true, StandardCharsets.UTF_8));
        p.add(1);
        // the terminal is refreshed every second (the log every ten): 8 s allows for a loaded machine
        long deadline = before + 8_000_000_000L;
        while (terminal.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(terminal.size()).as("a live line within 8 s").isPositive();
        p.close();
        long bound = System.nanoTime() - before;

        // then the time stops at close, and a second close does not move it
        Duration elapsed = p.elapsed();
        assertThat(elapsed.toNanos()).isBetween(1_000_000_000L, bound);
        Thread.sleep(20);
        p.close();
        assertThat(p.elapsed()).isEqualTo(elapsed);

        // the rate is rows over seconds, and the time left is the rows left at that rate
        double seconds = elapsed.toNanos() / 1e9;
        assertThat(p.done()).isEqualTo(1);
        assertThat(p.rate()).isCloseTo(1 / seconds, within(1e-9));
        String eta = BackfillProgress.format(Duration.ofSeconds((long) (999 / p.rate())));
        assertThat(p.line()).isEqualTo(String.format("backfill items: 1/1,000 rows (0%%), %,.0f rows/s, ETA %s", p.rate(), eta));

        // a live line was drawn before the final one, which ends it
        String drawn = terminal.toString(StandardCharsets.UTF_8);
        assertThat(drawn.split("\r", -1)).as(drawn).hasSizeGreaterThanOrEqualTo(3);
        assertThat(drawn).endsWith("\r" + p.line() + "   \n");
    }

    @Test
    void aFinishedOrEmptyTargetShowsAHundredPercentAndNoEta() {
        try (BackfillProgress p = new BackfillProgress("items", 1000, null)) {
            p.add(1000);
            assertThat(p.line()).startsWith("backfill items: 1,000/1,000 rows (100%), ").endsWith(" rows/s, ETA -");
            p.add(5);
            assertThat(p.line()).startsWith("backfill items: 1,005/1,000 rows (100%), ").endsWith(", ETA -");
        }
        try (BackfillProgress empty = new BackfillProgress("items", 0, null)) {
            assertThat(empty.line()).isEqualTo("backfill items: 0/0 rows (100%), 0 rows/s, ETA -");
        }
    }

    @Test
    void timesLeftShowHoursFromOneHour() {
        assertThat(BackfillProgress.format(Duration.ofSeconds(3599))).isEqualTo("59:59");
        assertThat(BackfillProgress.format(Duration.ofHours(1))).isEqualTo("1:00:00");
        assertThat(BackfillProgress.format(Duration.ofSeconds(0))).isEqualTo("0:00");
    }
}
