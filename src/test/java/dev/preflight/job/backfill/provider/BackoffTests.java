package dev.preflight.job.backfill.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic of waiting, without a clock: the retry back-off of {@link OpenAiClient} and the
 * Retry-After it obeys, and the token bucket of {@link RateLimiter} at given instants.
 *
 * <p>Mutations known to be killed (PIT): the back-off not doubling, or its random half drawn
 * from another range; a Retry-After in seconds read as milliseconds; a bucket not refilled, or
 * waiting a wrong time (sign or rate). Checked besides: the 30 s cap, a longer Retry-After
 * winning, a bucket holding no more than one second of its rate.
 */
class BackoffTests {

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        values.forEach((k, v) -> map.put(k, List.of(v)));
        return HttpHeaders.of(map, (a, b) -> true);
    }

    @Test
    void theBackOffDoublesFromHalfASecondUpToThirtySecondsWithHalfOfItRandom() {
        // random answers its largest value, bound - 1, or 0
        assertThat(OpenAiClient.waitMillis(0, 0, bound -> bound - 1)).isEqualTo(500);
        assertThat(OpenAiClient.waitMillis(0, 0, bound -> 0)).isEqualTo(250);
        assertThat(OpenAiClient.waitMillis(1, 0, bound -> 0)).isEqualTo(500);
        assertThat(OpenAiClient.waitMillis(3, 0, bound -> bound - 1)).isEqualTo(4000);
        assertThat(OpenAiClient.waitMillis(6, 0, bound -> 0)).as("capped").isEqualTo(15_000);
        assertThat(OpenAiClient.waitMillis(40, 0, bound -> bound - 1)).isEqualTo(30_000);
        // the draw's bound: up to half the back-off, inclusive
        assertThat(OpenAiClient.waitMillis(2, 0, bound -> {
            assertThat(bound).isEqualTo(1001);
            return 7;
        })).isEqualTo(1007);
        // the provider's Retry-After wins when longer
        assertThat(OpenAiClient.waitMillis(0, 2000, bound -> 0)).isEqualTo(2000);
        assertThat(OpenAiClient.waitMillis(5, 2000, bound -> 0)).isEqualTo(8000);
    }

    @Test
    void retryAfterIsReadInMillisecondsOrSeconds() {
        assertThat(OpenAiClient.retryAfterMillis(headers(Map.of("retry-after-ms", "1500")))).isEqualTo(1500);
        assertThat(OpenAiClient.retryAfterMillis(headers(Map.of("retry-after", "2")))).isEqualTo(2000);
        assertThat(OpenAiClient.retryAfterMillis(headers(Map.of("retry-after", " 0.5 ")))).isEqualTo(500);
        assertThat(OpenAiClient.retryAfterMillis(headers(Map.of("retry-after-ms", "20", "retry-after", "9")))).isEqualTo(20);
        assertThat(OpenAiClient.retryAfterMillis(headers(Map.of("retry-after", "Wed, 21 Oct 2026 07:28:00 GMT")))).isZero();
        assertThat(OpenAiClient.retryAfterMillis(headers(Map.of()))).isZero();
    }

    @Test
    void aBucketRefillsAtItsRateUpToOneSecondOfIt() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(10); // 10 per second, holds 10
        long t0 = System.nanoTime();

        assertThat(bucket.waitNanos(10, t0)).as("full at start").isZero();
        bucket.take(10, t0);
        assertThat(bucket.waitNanos(1, t0)).isEqualTo(100_000_000L);
        assertThat(bucket.waitNanos(1, t0 + 40_000_000L)).isEqualTo(60_000_000L);
        assertThat(bucket.waitNanos(1, t0 + 100_000_000L)).as("exactly one refilled").isZero();
        // ten seconds later it holds one second's worth, not ten: taking 10 empties it
        bucket.take(10, t0 + 10_000_000_000L);
        assertThat(bucket.waitNanos(1, t0 + 10_000_000_000L)).isEqualTo(100_000_000L);
    }

    @Test
    void aRequestLargerThanTheBucketWaitsForAFullBucketAndDrivesItNegative() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(10);
        long t0 = System.nanoTime();

        assertThat(bucket.waitNanos(25, t0)).as("a full bucket lets it through").isZero();
        bucket.take(25, t0);
        // 15 below empty, and a full bucket (10) needed for the next large request: 2.5 s
        assertThat(bucket.waitNanos(25, t0)).isEqualTo(2_500_000_000L);
        assertThat(bucket.waitNanos(1, t0)).isEqualTo(1_600_000_000L);
    }
}
