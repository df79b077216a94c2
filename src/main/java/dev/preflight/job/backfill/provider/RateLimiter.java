package dev.preflight.job.backfill.provider;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Client-side limiter for requests per minute and tokens per minute, shared by every thread of a
 * run: two token buckets refilled continuously, each holding at most one second of its rate, so
 * the client never bursts past what a provider enforcing its limit over short windows accepts. A
 * request larger than a bucket waits until the bucket is full and then drives it negative, which
 * delays the next request by as much: the long-run rate never exceeds the limit.
 */
public final class RateLimiter {

    private final Bucket requests;
    private final Bucket tokens;
    private long pausedUntilNanos;

    public RateLimiter(int requestsPerMinute, int tokensPerMinute) {
        this.requests = new Bucket(requestsPerMinute / 60.0);
        this.tokens = new Bucket(tokensPerMinute / 60.0);
    }

    /** Blocks until one request of {@code tokenCount} tokens may be sent. */
    public void acquire(int tokenCount) {
        while (true) {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                waitNanos = Math.max(pausedUntilNanos - now, Math.max(requests.waitNanos(1, now), tokens.waitNanos(tokenCount, now)));
                if (waitNanos <= 0) {
                    requests.take(1, now);
                    tokens.take(tokenCount, now);
                    return;
                }
            }
            LockSupport.parkNanos(Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(200)));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new ProviderException.Unavailable("interrupted while waiting for the rate limiter", null);
            }
        }
    }

    /** Holds every request back for {@code millis}: the provider said so (Retry-After). */
    public synchronized void pause(long millis) {
        pausedUntilNanos = Math.max(pausedUntilNanos, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** A continuously refilled bucket holding at most one second of its rate. */
    static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double level;
        private long last = System.nanoTime();

        Bucket(double perSecond) {
            this.perNano = perSecond / 1e9;
            this.capacity = Math.max(1, perSecond);
            this.level = capacity;
        }

        private void refill(long now) {
            level = Math.min(capacity, level + (now - last) * perNano);
            last = now;
        }

        long waitNanos(int amount, long now) {
            refill(now);
            double needed = Math.min(amount, capacity);
            return level >= needed ? 0 : (long) Math.ceil((needed - level) / perNano);
        }

        void take(int amount, long now) {
            refill(now);
            level -= amount;
        }
    }
}
