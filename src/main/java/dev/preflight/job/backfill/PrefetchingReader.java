package dev.preflight.job.backfill;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The reader of one partition, with the embedding done ahead: a producer thread
 * ({@link EmbeddingPipeline}) reads pages by keyset and embeds them while the step writes the
 * previous chunk, at most {@value #AHEAD} chunks ahead. The restart position saved with each
 * commit is the last id the step has read, never the producer's, so a restart resumes right after
 * the last committed chunk.
 */
public class PrefetchingReader implements ItemStreamReader<EmbeddedRow> {

    static final String LOW = "backfill.low";
    static final String HIGH = "backfill.high";
    static final String LAST = "backfill.last";
    static final int AHEAD = 2;

    private final BackfillTask task;
    private final BlockingQueue<EmbeddingPipeline.Batch> queue = new ArrayBlockingQueue<>(AHEAD);
    private EmbeddingPipeline pipeline;
    private Thread producer;
    private Iterator<EmbeddedRow> current = List.<EmbeddedRow>of().iterator();
    private boolean ended;
    private String last;

    public PrefetchingReader(BackfillTask task) {
        this.task = task;
    }

    @Override
    public void open(ExecutionContext ctx) {
        last = ctx.containsKey(LAST) ? ctx.getString(LAST) : ctx.containsKey(LOW) ? ctx.getString(LOW) : null;
        String high = ctx.containsKey(HIGH) ? ctx.getString(HIGH) : null;
        pipeline = new EmbeddingPipeline(task, last, high, queue);
        producer = new Thread(pipeline, "preflight-backfill-embed-" + Thread.currentThread().getName());
        producer.setDaemon(true);
        producer.start();
    }

    @Override
    public EmbeddedRow read() throws Exception {
        while (!current.hasNext()) {
            if (ended) {
                return null;
            }
            EmbeddingPipeline.Batch batch = queue.take();
            if (batch.error() != null) {
                ended = true;
                throw batch.error();
            }
            if (batch.rows() == null) {
                ended = true;
                return null;
            }
            current = batch.rows().iterator();
        }
        EmbeddedRow row = current.next();
        last = row.id();
        return row;
    }

    @Override
    public void update(ExecutionContext ctx) {
        if (last != null) {
            ctx.putString(LAST, last);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            pipeline.stop();
            producer.interrupt();
            try {
                producer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer = null;
        }
    }
}
