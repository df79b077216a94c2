package dev.preflight.report;

import java.util.List;

/**
 * Report section "Embeddings", filled by the backfill job: per target, what the run found, did and
 * left, with the provider and whether its vectors carry meaning.
 */
public record EmbeddingsSection(boolean dryRun, List<Target> targets) implements ReportSection {

    public EmbeddingsSection {
        targets = List.copyOf(targets);
    }

    /**
     * One target's backfill.
     *
     * @param status COMPLETED, FAILED, STOPPED, DRY_RUN, NOT_PRESENT (a built-in target whose table is missing) or
     *               DIMENSION_MISMATCH
     * @param pending rows that needed work when the run started (NULL or stale vectors)
     * @param nullsRemaining rows whose vector is still NULL after the run
     * @param nullsSkipped those of them with a recorded skip (empty or too long text)
     * @param nullsFailed those of them whose chunk the provider's answer failed
     * @param workers a distributed backfill's rows per worker process (empty when it ran in this process)
     */
    public record Target(String name, String table, String column, Integer dimensions, String provider, String model,
                         boolean semantic, String status, long rowsTotal, long pending, long embedded, long refreshed, long skipped,
                         long failed, long nullsRemaining, long nullsSkipped, long nullsFailed, List<Issue> issues,
                         double rowsPerSecond, long durationMs, String note, List<Worker> workers) {

        public Target {
            issues = List.copyOf(issues);
            workers = workers == null ? List.of() : List.copyOf(workers);
        }

        /** A backfill run in this process: no per-worker rows. */
        public Target(String name, String table, String column, Integer dimensions, String provider, String model, boolean semantic,
                      String status, long rowsTotal, long pending, long embedded, long refreshed, long skipped, long failed,
                      long nullsRemaining, long nullsSkipped, long nullsFailed, List<Issue> issues, double rowsPerSecond,
                      long durationMs, String note) {
            this(name, table, column, dimensions, provider, model, semantic, status, rowsTotal, pending, embedded, refreshed, skipped,
                    failed, nullsRemaining, nullsSkipped, nullsFailed, issues, rowsPerSecond, durationMs, note, List.of());
        }

        /** NULL vectors with no recorded reason: rows the run did not reach (stopped, failed, --limit). */
        public long nullsUnexplained() {
            return Math.max(0, nullsRemaining - nullsSkipped - nullsFailed);
        }
    }

    /**
     * One worker process's share of a distributed backfill, from the rows its chunks committed.
     *
     * @param rowsPerSecond its rows over the time from its first partition's start to its last commit
     */
    public record Worker(String id, String host, long rows, int partitions, double rowsPerSecond) {
    }

    /** Rows without a vector for one reason, with the first ids. */
    public record Issue(String kind, String reason, long rows, List<String> ids) {

        public Issue {
            ids = List.copyOf(ids);
        }
    }
}
