package dev.preflight.job.backfill;

import dev.preflight.report.EmbeddingsSection;
import java.util.List;
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
    private volatile List<EmbeddingsSection.Worker> workers = List.of();

    void written(long newlyEmbedded, long refreshedRows) {
        embedded.addAndGet(newlyEmbedded);
        refreshed.addAndGet(refreshedRows);
    }

    void issue(EmbeddedRow row) {
        (row.issue() == EmbeddedRow.Issue.SKIPPED ? skipped : failed).incrementAndGet();
    }

    /** A distributed run: the counts the workers committed, and each worker's share. */
    public void addRemote(long newlyEmbedded, long refreshedRows, long skippedRows, long failedRows, List<EmbeddingsSection.Worker> perWorker) {
        embedded.addAndGet(newlyEmbedded);
        refreshed.addAndGet(refreshedRows);
        skipped.addAndGet(skippedRows);
        failed.addAndGet(failedRows);
        workers = List.copyOf(perWorker);
    }

    public List<EmbeddingsSection.Worker> workers() {
        return workers;
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
