package dev.preflight.check.index;

import java.util.List;

/**
 * Recall of one nearest-neighbour query counted by distance, as ann-benchmarks counts it: a row of
 * the index's answer is a hit when it is no farther than the exact k-th neighbour, so rows at the same
 * distance (duplicate vectors: one text embedded twice, a boilerplate chunk) are interchangeable and
 * an answer that picked other copies than the exact search is not a miss. IDX001 and retune share it.
 */
public final class TiedRecall {

    private TiedRecall() {
    }

    /**
     * @param exact the exact answer's distances, nearest first, the query's own row removed (k, or fewer on a small table)
     * @param answer the index's answer's distances, the query's own row removed, at most k
     * @return the share of the exact answer the index matched; 1 when the table holds no other row
     */
    public static double of(List<Double> exact, List<Double> answer) {
        if (exact.isEmpty()) {
            return 1.0;
        }
        double kth = exact.get(exact.size() - 1);
        // the same operator on the same stored vectors gives the same float8: the margin only absorbs -0.0 and the like
        double bound = kth + 1e-12 * Math.max(1.0, Math.abs(kth));
        long hits = answer.stream().filter(d -> d <= bound).count();
        return (double) Math.min(hits, exact.size()) / exact.size();
    }
}
