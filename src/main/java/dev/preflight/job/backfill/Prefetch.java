package dev.preflight.job.backfill;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A running producer ({@link EmbeddingPipeline}) of one key range and the queue of pages it fills,
 * at most {@value #AHEAD} ahead of the step. Started by the step's reader, or earlier as the head
 * start of a first run (see {@link BackfillTask#headStart}).
 */
final class Prefetch {

    static final int AHEAD = 2;

    private final String after;
    private final String high;
    private final BlockingQueue<EmbeddingPipeline.Batch> queue = new ArrayBlockingQueue<>(AHEAD);
    private final EmbeddingPipeline pipeline;
    private final Thread producer;

    private Prefetch(BackfillTask task, String after, String high, String name) {
        this.after = after;
        this.high = high;
        this.pipeline = new EmbeddingPipeline(task, after, high, queue);
        this.producer = new Thread(pipeline, name);
        producer.setDaemon(true);
    }

    /** Starts the producer of the rows after {@code after} (null: from the first) up to {@code high} (null: to the last). */
    static Prefetch start(BackfillTask task, String after, String high, String name) {
        Prefetch p = new Prefetch(task, after, high, name);
        p.producer.start();
        return p;
    }

    boolean covers(String otherAfter, String otherHigh) {
        return Objects.equals(after, otherAfter) && Objects.equals(high, otherHigh);
    }

    EmbeddingPipeline.Batch take() throws InterruptedException {
        return queue.take();
    }

    /** Stops the producer and waits for it (up to 10 s): a page it embeds meanwhile is dropped, never written. */
    void stop() {
        pipeline.stop();
        producer.interrupt();
        try {
            producer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
