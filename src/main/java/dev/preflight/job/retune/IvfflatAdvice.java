package dev.preflight.job.retune;

import dev.preflight.report.VectorIndexTuning.Decision;
import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * pgvector's IVFFlat guidance as pure functions: recommended lists, the probes ladder, the rebuild
 * decision and the smallest probes meeting a recall target. No database here, so all of it is unit-tested.
 */
public final class IvfflatAdvice {

    /** pgvector refuses more lists than this. */
    public static final int MAX_LISTS = 32_768;
    /** Lists further than this factor from the recommendation (either way) call for a rebuild. */
    public static final double LISTS_FACTOR = 2.0;
    /** Above this many rows pgvector recommends sqrt(rows) lists instead of rows/1000. */
    public static final long SQRT_ABOVE_ROWS = 1_000_000;

    private IvfflatAdvice() {
    }

    /** rows/1000 up to 1M rows, sqrt(rows) above; at least 1, at most {@link #MAX_LISTS}. */
    public static int recommendedLists(long rows) {
        long lists = rows <= SQRT_ABOVE_ROWS ? rows / 1000 : (long) Math.sqrt((double) rows);
        return (int) Math.max(1, Math.min(MAX_LISTS, lists));
    }

    /** pgvector's starting point for probes: sqrt(lists), rounded up, at least 1. */
    public static int startingProbes(int lists) {
        return Math.max(1, (int) Math.ceil(Math.sqrt(lists)));
    }

    /** 1, 2, 4, 8, ... below lists, plus sqrt(lists) and lists itself, ascending and distinct. */
    public static List<Integer> ladder(int lists) {
        List<Integer> out = new ArrayList<>();
        for (int p = 1; p < lists; p *= 2) {
            out.add(p);
        }
        out.add(startingProbes(lists));
        out.add(Math.max(1, lists));
        return out.stream().distinct().sorted().toList();
    }

    /**
     * The smallest measured setting (probes, or ef_search) whose recall interval's lower bound meets the
     * target (the recall itself for points without an interval), or null when none does.
     */
    public static ProbeResult smallestMeeting(List<ProbeResult> ladder, double target) {
        return ladder.stream().filter(p -> p.lower() >= target).min((a, b) -> Integer.compare(a.value(), b.value())).orElse(null);
    }

    /**
     * The untried probes value halfway between the largest probes below the target and the smallest
     * meeting it, or null when they are adjacent: used to refine the power-of-two ladder.
     */
    public static Integer bisect(List<ProbeResult> ladder, double target) {
        ProbeResult meet = smallestMeeting(ladder, target);
        if (meet == null) {
            return null;
        }
        int below = ladder.stream().filter(p -> p.value() < meet.value() && p.lower() < target)
                .mapToInt(ProbeResult::value).max().orElse(0);
        int mid = (below + meet.value()) / 2;
        return mid > below && mid < meet.value() && below > 0 ? mid : null;
    }

    /** A rebuild decision with its one-sentence reason. */
    public record Verdict(Decision decision, String reason) {
    }

    /**
     * Decides whether an IVFFlat index needs a rebuild: tables below {@code minRows} are left to exact
     * search; an invalid index, lists more than {@link #LISTS_FACTOR} from the recommendation, or
     * recall at the starting probes below the target call for one.
     */
    public static Verdict decide(long rows, int lists, boolean valid, List<ProbeResult> ladder, double target, long minRows) {
        if (rows < minRows) {
            return new Verdict(Decision.EXACT_IS_FASTER, String.format(Locale.ROOT, "%,d rows with a vector (under %,d): exact search "
                    + "is faster here than any ANN index, so the index is left as it is", rows, minRows));
        }
        if (!valid) {
            return new Verdict(Decision.REBUILD, "the index is marked invalid (a failed CREATE INDEX CONCURRENTLY?): queries cannot use it");
        }
        int recommended = recommendedLists(rows);
        double factor = Math.max((double) lists / recommended, (double) recommended / lists);
        int start = startingProbes(lists);
        ProbeResult atStart = ladder.stream().filter(p -> p.value() == start).findFirst().orElse(null);
        if (atStart != null && atStart.recall() < target) {
            return new Verdict(Decision.REBUILD, String.format(Locale.ROOT, "recall@k is %.3f at probes=%d (sqrt of lists=%d), below the "
                    + "target %.2f: the centres do not fit the data (built before it was loaded?)", atStart.recall(), start, lists, target));
        }
        if (factor > LISTS_FACTOR) {
            return new Verdict(Decision.REBUILD, String.format(Locale.ROOT, "lists=%d is %.1fx off the %d recommended for %,d rows "
                    + "(rows/1000 up to 1M, sqrt above)", lists, factor, recommended, rows));
        }
        return new Verdict(Decision.KEEP, String.format(Locale.ROOT, "recall@k is %.3f at probes=%d and lists=%d is within %.0fx of the "
                + "%d recommended: left alone", atStart == null ? Double.NaN : atStart.recall(), start, lists, LISTS_FACTOR, recommended));
    }

    /**
     * Bytes of {@code maintenance_work_mem} an IVFFlat build needs, with headroom: pgvector's
     * k-means keeps a sample of 50 vectors per list (at least 10,000) and the centres in memory.
     */
    public static long buildMemoryBytes(long rows, int lists, int dimensions) {
        long samples = Math.min(rows, Math.max(10_000L, 50L * lists));
        long vectorBytes = 8L + 4L * dimensions;
        return 2 * (samples + 2L * lists) * vectorBytes + (16L << 20);
    }
}
