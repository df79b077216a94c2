package dev.preflight.job.retune;

import com.pgvector.PGvector;
import dev.preflight.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A thread inserting one row at a time (autocommit) and recording the slowest insert: what an application sees during a rebuild. */
final class ConcurrentWriter implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong inserted = new AtomicLong();
    private final AtomicLong maxNanos = new AtomicLong();
    private final Thread thread;
    private volatile Exception failure;

    private ConcurrentWriter(TestDatabase db) {
        thread = new Thread(() -> {
            ClusteredVectors vectors = new ClusteredVectors(99, 100);
            try (Connection c = db.connect()) {
                PGvector.registerTypes(c);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (embedding) VALUES (?)")) {
                    while (running.get()) {
                        ps.setObject(1, new PGvector(vectors.next()));
                        long t0 = System.nanoTime();
                        ps.executeUpdate();
                        maxNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                        inserted.incrementAndGet();
                        Thread.sleep(20);
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }, "concurrent-writer");
    }

    static ConcurrentWriter start(TestDatabase db) {
        ConcurrentWriter w = new ConcurrentWriter(db);
        w.thread.start();
        return w;
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        if (failure != null) {
            throw new AssertionError("the concurrent writer failed: " + failure, failure);
        }
    }

    long inserted() {
        return inserted.get();
    }

    long maxMillis() {
        return maxNanos.get() / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
