package dev.preflight.job.backfill;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.config.EmbeddingTarget;
import dev.preflight.job.backfill.provider.EmbeddingProvider;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the steps of one target's backfill share: the target and its SQL, the provider, the
 * options, the row budget of {@code --limit}, and the counters and progress of the run.
 */
public final class BackfillTask {

    private final EmbeddingTarget target;
    private final BackfillSql sql;
    private final EmbeddingProvider provider;
    private final DatabaseUrl readUrl;
    private final int chunkSize;
    private final int threads;
    private final boolean reembed;
    private final AtomicLong budget;
    private final BackfillStats stats;
    private final BackfillProgress progress;
    private volatile boolean clearIssues = true;
    private volatile boolean hasRecords = true;
    private volatile int resumePartitions;
    private Prefetch headStart;

    public BackfillTask(EmbeddingTarget target, BackfillSql sql, EmbeddingProvider provider, DatabaseUrl readUrl, int chunkSize,
                        int threads, boolean reembed, Long limit, BackfillStats stats, BackfillProgress progress) {
        this.target = target;
        this.sql = sql;
        this.provider = provider;
        this.readUrl = readUrl;
        this.chunkSize = chunkSize;
        this.threads = threads;
        this.reembed = reembed;
        this.budget = new AtomicLong(limit == null ? Long.MAX_VALUE : limit);
        this.stats = stats;
        this.progress = progress;
    }

    /** Claims up to {@code wanted} rows of the {@code --limit} budget; 0 when it is spent. */
    public int claim(int wanted) {
        while (true) {
            long left = budget.get();
            int n = (int) Math.min(wanted, left);
            if (n <= 0 || budget.compareAndSet(left, left - n)) {
                return Math.max(n, 0);
            }
        }
    }

    /** Returns rows claimed but not found (a partition ran out of rows) to the budget. */
    public void release(int rows) {
        if (rows > 0 && budget.get() != Long.MAX_VALUE) {
            budget.addAndGet(rows);
        }
    }

    /** Whether rows embedded now may have recorded skips or failures to clear (false saves a statement per chunk). */
    public boolean clearIssues() {
        return clearIssues;
    }

    void clearIssues(boolean value) {
        clearIssues = value;
    }

    /**
     * Whether rows of the target may have a record in the side table (false only when, under the target's
     * lock, it had none: the reader then need not look records up).
     */
    public boolean hasRecords() {
        return hasRecords;
    }

    void hasRecords(boolean value) {
        hasRecords = value;
    }

    /** On a restart, how many partitions the interrupted execution had (0 on a first start). */
    public int resumePartitions() {
        return resumePartitions;
    }

    void resumePartitions(int n) {
        resumePartitions = n;
    }

    /**
     * Starts reading and embedding the whole key range before the job does: on a first run of one
     * partition in this process, the job's start-up (its repository rows, the step, the reader's
     * connection) took about 130 ms before the first page was read, with the writer idle.
     */
    synchronized void headStart() {
        headStart = Prefetch.start(this, null, null, "preflight-backfill-embed-head-start");
    }

    /** The head start if it reads exactly this range (the reader then adopts it), else null, the head start being dropped. */
    synchronized Prefetch takeHeadStart(String after, String high) {
        Prefetch p = headStart;
        headStart = null;
        if (p == null || p.covers(after, high)) {
            return p;
        }
        drop(p);
        return null;
    }

    /** Stops a head start no step adopted (the job ended or failed before its step opened). */
    synchronized void dropHeadStart() {
        if (headStart != null) {
            drop(headStart);
            headStart = null;
        }
    }

    /**
     * Its records written ahead are committed, so from now on the target has records: a reader that
     * assumed none would insert them again and fail on the key.
     */
    private void drop(Prefetch p) {
        p.stop();
        hasRecords = true;
    }

    public EmbeddingTarget target() {
        return target;
    }

    public BackfillSql sql() {
        return sql;
    }

    public EmbeddingProvider provider() {
        return provider;
    }

    public DatabaseUrl readUrl() {
        return readUrl;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public int threads() {
        return threads;
    }

    public boolean reembed() {
        return reembed;
    }

    public BackfillStats stats() {
        return stats;
    }

    public BackfillProgress progress() {
        return progress;
    }
}
