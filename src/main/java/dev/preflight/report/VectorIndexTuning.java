package dev.preflight.report;

import java.util.List;

/**
 * Report section {@code vectorIndexTuning} (its JSON key, kept as the public contract; template
 * {@code sections/vector-index-tuning.md.ftl}), filled by the {@code retune} job: per vector index
 * its measured recall against exact search before and after, the decision and why, and the probes
 * to query with.
 *
 * @param queries the number of held-out query vectors each index's measurement starts with (it adds more
 *     until the interval at the chosen setting is narrow enough; each index says how many it used)
 * @param databaseProbes the smallest {@code ivfflat.probes} meeting the target on every IVFFlat index (null when none was measured)
 * @param probesApplied whether {@code ALTER DATABASE ... SET ivfflat.probes} (and {@code hnsw.ef_search}) was run ({@code --apply-settings})
 * @param databaseEfSearch the smallest {@code hnsw.ef_search} meeting the target on every HNSW index (null when none was measured)
 * @param settingsNote what was done with {@code hnsw.ef_search} (applied or recommended), null when no HNSW index was measured
 */
public record VectorIndexTuning(boolean dryRun, double targetRecall, int k, int queries, Integer databaseProbes,
                                boolean probesApplied, String probesNote, List<IndexTuning> indexes,
                                Integer databaseEfSearch, String settingsNote) implements ReportSection {

    public VectorIndexTuning {
        indexes = List.copyOf(indexes);
    }

    /** A section without HNSW settings (every index IVFFlat, or none measured). */
    public VectorIndexTuning(boolean dryRun, double targetRecall, int k, int queries, Integer databaseProbes,
                              boolean probesApplied, String probesNote, List<IndexTuning> indexes) {
        this(dryRun, targetRecall, k, queries, databaseProbes, probesApplied, probesNote, indexes, null, null);
    }

    /** Whether any index was measured against exact search (tables under the minimum rows are not). */
    public boolean measuredAny() {
        return indexes.stream().anyMatch(t -> !t.current().ladder().isEmpty());
    }

    /** What retune decided for one index; REBUILD_RECOMMENDED: an HNSW index whose m / ef_construction cannot reach the target. */
    public enum Decision { KEEP, REBUILD, REBUILT, REBUILD_FAILED, EXACT_IS_FASTER, REPORTED, REBUILD_RECOMMENDED }

    /**
     * One index: measurements before and (after a rebuild) after, the decision and the chosen setting:
     * {@code chosenProbes} for IVFFlat, {@code chosenEfSearch} for HNSW (the other is null), with the recall
     * there, its 95% interval and the number of held-out queries it rests on.
     */
    public record IndexTuning(String name, String table, String column, String method, String opclass,
                              Decision decision, String reason, Measurement before, Measurement after,
                              Integer chosenProbes, Double recallAtChosen, String error, HnswComparison hnsw,
                              Integer chosenEfSearch, Double recallLow, Double recallHigh, Integer queries) {

        public IndexTuning(String name, String table, String column, String method, String opclass, Decision decision, String reason,
                           Measurement before, Measurement after, Integer chosenProbes, Double recallAtChosen, String error,
                           HnswComparison hnsw) {
            this(name, table, column, method, opclass, decision, reason, before, after, chosenProbes, recallAtChosen, error, hnsw,
                    null, null, null, null);
        }

        /** The measurement the recommendation rests on: after a rebuild, else before. */
        public Measurement current() {
            return after != null ? after : before;
        }

        public boolean hnswIndex() {
            return "hnsw".equals(method);
        }

        /** The chosen search setting, whichever the method: probes or ef_search. */
        public Integer chosenSetting() {
            return chosenProbes != null ? chosenProbes : chosenEfSearch;
        }
    }

    /**
     * One measurement of one index: rows with a vector, its lists and recommended lists (IVFFlat; null for
     * HNSW), size, build time when Preflight built it, exact search's median latency, and recall@k with
     * latency for each probes (ef_search) value tried.
     */
    public record Measurement(long rows, Integer lists, Integer recommendedLists, long sizeBytes, Long buildMillis,
                              Double exactP50Millis, List<ProbeResult> ladder) {

        public Measurement {
            ladder = List.copyOf(ladder);
        }

        /** The ladder entry for {@code setting} (probes or ef_search), or null when it was not measured. */
        public ProbeResult at(int setting) {
            return ladder.stream().filter(p -> p.value() == setting).findFirst().orElse(null);
        }
    }

    /**
     * Recall@k against exact search and query latency (milliseconds) at one search setting: {@code probes}
     * for IVFFlat or {@code efSearch} for HNSW (exactly one is set), with the 95% interval of the recall
     * over the held-out queries and how many there were (null in reports written before they were measured).
     */
    public record ProbeResult(Integer probes, Integer efSearch, double recall, double p50Millis, double p95Millis,
                              Double recallLow, Double recallHigh, Integer queries) {

        /** An IVFFlat point without an interval. */
        public ProbeResult(int probes, double recall, double p50Millis, double p95Millis) {
            this(probes, null, recall, p50Millis, p95Millis, null, null, null);
        }

        /** The setting's value, whichever the method. */
        public int value() {
            return probes != null ? probes : efSearch;
        }

        /** The interval's lower bound, or the recall itself when no interval was measured: settings are chosen by it. */
        public double lower() {
            return recallLow != null ? recallLow : recall;
        }

        /** The interval's upper bound, or the recall itself. */
        public double upper() {
            return recallHigh != null ? recallHigh : recall;
        }
    }

    /** A temporary HNSW index built on a copy of the same vectors, measured with the same queries. */
    public record HnswComparison(int m, int efConstruction, long buildMillis, long sizeBytes, List<ProbeResult> efSearchLadder,
                                 String verdict) {

        public HnswComparison {
            efSearchLadder = List.copyOf(efSearchLadder);
        }
    }
}
