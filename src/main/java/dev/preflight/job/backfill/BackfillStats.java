package dev.preflight.job.backfill;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one target's backfill did in this run, counted by the writers of every partition: rows
 * newly embedded, refreshed (stale vector replaced), skipped and failed. The ids and reasons of
 * skipped and failed rows are kept in {@code preflight.embedding_issues}.
 */
public final class BackfillStats {

    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong refreshed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void written(long newlyEmbedded, long refreshedRows) {
        embedded.addAndGet(newlyEmbedded);
        refreshed.addAndGet(refreshedRows);
    }

    void issue(EmbeddedRow row) {
        (row.issue() == EmbeddedRow.Issue.SKIPPED ? skipped : failed).incrementAndGet();
    }

    public long embedded() {
        return embedded.get();
    }

    public long refreshed() {
        return refreshed.get();
    }

    public long skipped() {
        return skipped.get();
    }

    public long failed() {
        return failed.get();
    }
}
