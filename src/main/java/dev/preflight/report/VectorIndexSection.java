package dev.preflight.report;

import java.util.List;

/**
 * Report section "Vector indexes", filled by the retune job: per vector index its measured recall
 * against exact search before and after, the decision and why, and the probes to query with.
 *
 * @param databaseProbes the smallest {@code ivfflat.probes} meeting the target on every IVFFlat index (null when none was measured)
 * @param probesApplied whether {@code ALTER DATABASE ... SET ivfflat.probes} was run ({@code --apply-probes})
 */
public record VectorIndexSection(boolean dryRun, double targetRecall, int k, int queries, Integer databaseProbes,
                                 boolean probesApplied, String probesNote, List<IndexTuning> indexes) {

    public VectorIndexSection {
        indexes = List.copyOf(indexes);
    }

    /** What retune decided for one index. */
    public enum Decision { KEEP, REBUILD, REBUILT, REBUILD_FAILED, EXACT_IS_FASTER, REPORTED }

    /** One index: measurements before and (after a rebuild) after, the decision and the chosen probes. */
    public record IndexTuning(String name, String table, String column, String method, String opclass,
                              Decision decision, String reason, Measurement before, Measurement after,
                              Integer chosenProbes, Double recallAtChosen, String error, HnswComparison hnsw) {

        /** The measurement the recommendation rests on: after a rebuild, else before. */
        public Measurement current() {
            return after != null ? after : before;
        }
    }

    /**
     * One measurement of one index: rows with a vector, its lists (IVFFlat), size, build time when
     * Preflight built it, exact search's median latency, and recall@k with latency for each probes value tried.
     */
    public record Measurement(long rows, Integer lists, int recommendedLists, long sizeBytes, Long buildMillis,
                              Double exactP50Millis, List<ProbeResult> ladder) {

        public Measurement {
            ladder = List.copyOf(ladder);
        }

        /** The ladder entry for {@code probes}, or null when it was not measured. */
        public ProbeResult at(int probes) {
            return ladder.stream().filter(p -> p.probes() == probes).findFirst().orElse(null);
        }
    }

    /** Recall@k against exact search and query latency (milliseconds) at one probes value (ef_search for HNSW). */
    public record ProbeResult(int probes, double recall, double p50Millis, double p95Millis) {
    }

    /** A temporary HNSW index built on a copy of the same vectors, measured with the same queries. */
    public record HnswComparison(int m, int efConstruction, long buildMillis, long sizeBytes, List<ProbeResult> efSearchLadder,
                                 String verdict) {

        public HnswComparison {
            efSearchLadder = List.copyOf(efSearchLadder);
        }
    }
}
