package dev.preflight.job.backfill.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTests {

    private static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    @Test
    void requestsPerMinuteBoundTheRateAfterOneSecondOfBurst() {
        RateLimiter limiter = new RateLimiter(600, 100_000_000); // 10 requests/s, bucket of 10
        double s = seconds(() -> {
            for (int i = 0; i < 25; i++) {
                limiter.acquire(1);
            }
        });
        assertThat(s).isBetween(1.4, 2.5);
    }

    @Test
    void tokensPerMinuteBoundTheRateEvenForRequestsLargerThanTheBucket() {
        RateLimiter limiter = new RateLimiter(100_000, 6000); // 100 tokens/s, bucket of 100
        double s = seconds(() -> {
            for (int i = 0; i < 3; i++) {
                limiter.acquire(150); // each request is larger than the bucket: 450 tokens need >= 3.5 s after the first
            }
        });
        assertThat(s).isBetween(2.9, 4.5);
    }

    @Test
    void pauseHoldsEveryRequestBack() {
        RateLimiter limiter = new RateLimiter(100_000, 100_000_000);
        limiter.pause(500);
        assertThat(seconds(() -> limiter.acquire(1))).isGreaterThanOrEqualTo(0.45);
    }
}
