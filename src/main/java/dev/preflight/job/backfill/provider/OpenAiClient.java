package dev.preflight.job.backfill.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one embeddings request, retrying 429 and 5xx answers and network errors with exponential
 * back-off (0.5 s doubling, capped at 30 s, with jitter), always waiting at least what the
 * provider's {@code Retry-After} (or {@code retry-after-ms}) asks, and pausing the shared rate
 * limiter for as long so the other threads hold back too.
 */
final class OpenAiClient {

    private static final Logger log = LoggerFactory.getLogger(OpenAiClient.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String apiKey;
    private final int maxRetries;
    private final RateLimiter limiter;

    OpenAiClient(String baseUrl, String apiKey, int maxRetries, RateLimiter limiter) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/embeddings");
        this.apiKey = apiKey;
        this.maxRetries = maxRetries;
        this.limiter = limiter;
    }

    /** Sends the body once the limiter allows {@code tokens}; returns the 200 response body. */
    String post(String body, int tokens) {
        for (int attempt = 0; ; attempt++) {
            limiter.acquire(tokens);
            HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (apiKey != null) {
                req.header("Authorization", "Bearer " + apiKey);
            }
            String problem;
            long retryAfterMs = 0;
            try {
                HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
                int code = res.statusCode();
                if (code == 200) {
                    return res.body();
                }
                if (code != 429 && code < 500) {
                    throw new ProviderException.Unavailable("embeddings endpoint " + endpoint + " answered HTTP " + code + ": "
                            + abbreviate(res.body()) + (code == 401 || code == 403 ? " (check the API key)" : ""), null);
                }
                problem = "HTTP " + code;
                retryAfterMs = retryAfterMillis(res.headers());
            } catch (IOException e) {
                problem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException.Unavailable("interrupted while calling " + endpoint, e);
            }
            if (attempt >= maxRetries) {
                throw new ProviderException.Unavailable("embeddings endpoint " + endpoint + " still failing after " + (attempt + 1)
                        + " attempts (last: " + problem + ")", null);
            }
            long wait = waitMillis(attempt, retryAfterMs, bound -> ThreadLocalRandom.current().nextLong(bound));
            limiter.pause(wait);
            log.info("backfill: {} from {}; retry {}/{} in {} ms", problem, endpoint, attempt + 1, maxRetries, wait);
        }
    }

    /**
     * How long to wait before retry {@code attempt + 1}: what the provider asked for, and at least half
     * of an exponential back-off (500 ms doubling, at most 30 s) plus up to the other half at random;
     * {@code random} answers a number from 0 up to its argument, exclusive.
     */
    static long waitMillis(int attempt, long retryAfterMs, LongUnaryOperator random) {
        long backoff = Math.min(30_000, 500L << Math.min(attempt, 16));
        return Math.max(retryAfterMs, backoff / 2 + random.applyAsLong(backoff / 2 + 1));
    }

    /** The provider's Retry-After-Ms or Retry-After (seconds) in milliseconds; 0 when absent or an HTTP date. */
    static long retryAfterMillis(HttpHeaders headers) {
        try {
            var ms = headers.firstValue("retry-after-ms");
            if (ms.isPresent()) {
                return (long) Double.parseDouble(ms.get().trim());
            }
            var s = headers.firstValue("retry-after");
            return s.isPresent() ? (long) (Double.parseDouble(s.get().trim()) * 1000) : 0;
        } catch (NumberFormatException e) {
            return 0; // an HTTP-date Retry-After: fall back to the exponential back-off
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
