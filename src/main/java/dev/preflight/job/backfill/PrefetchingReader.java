package dev.preflight.job.backfill;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * The reader of one partition, with the embedding done ahead: a producer thread
 * ({@link EmbeddingPipeline}) reads pages by keyset and embeds them while the step writes the
 * previous chunk, at most {@value #AHEAD} chunks ahead. It hands out whole pages ({@link PageTasklet}
 * writes one per transaction). The restart position saved with each commit is the last id the
 * step has taken, never the producer's, so a restart resumes right after the last committed chunk.
 */
public class PrefetchingReader implements ItemStream {

    static final String LOW = "backfill.low";
    static final String HIGH = "backfill.high";
    static final String LAST = "backfill.last";
    static final int AHEAD = Prefetch.AHEAD;

    private final BackfillTask task;
    private Prefetch prefetch;
    private boolean ended;
    private String last;

    public PrefetchingReader(BackfillTask task) {
        this.task = task;
    }

    @Override
    public void open(ExecutionContext ctx) {
        last = ctx.containsKey(LAST) ? ctx.getString(LAST) : ctx.containsKey(LOW) ? ctx.getString(LOW) : null;
        String high = ctx.containsKey(HIGH) ? ctx.getString(HIGH) : null;
        prefetch = task.takeHeadStart(last, high);
        if (prefetch == null) {
            prefetch = Prefetch.start(task, last, high, "preflight-backfill-embed-" + Thread.currentThread().getName());
        }
    }

    /** The next page, in key order, or null when the partition is done; the producer's failure is thrown here. */
    public Page readPage() throws Exception {
        if (ended) {
            return null;
        }
        EmbeddingPipeline.Batch batch = prefetch.take();
        if (batch.error() != null) {
            ended = true;
            throw batch.error();
        }
        if (batch.rows() == null) {
            ended = true;
            return null;
        }
        last = batch.rows().getItems().get(batch.rows().size() - 1).id();
        return batch.rows();
    }

    @Override
    public void update(ExecutionContext ctx) {
        if (last != null) {
            ctx.putString(LAST, last);
        }
    }

    @Override
    public void close() {
        if (prefetch != null) {
            prefetch.stop();
            prefetch = null;
        }
    }
}
