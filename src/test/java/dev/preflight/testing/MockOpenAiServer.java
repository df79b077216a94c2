package dev.preflight.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.preflight.job.backfill.provider.DeterministicProvider;
import dev.preflight.job.backfill.provider.TokenEstimate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local server speaking the OpenAI embeddings protocol ({@code POST /v1/embeddings}) on
 * 127.0.0.1, with deterministic vectors, for tests and the backfill benchmark. It can enforce
 * requests-per-minute and tokens-per-minute limits (429 with Retry-After, buckets holding six
 * seconds of the rate, as providers enforce limits over short windows), answer 429 to every n-th
 * request, answer malformed JSON or wrong dimensions for inputs containing a marker, and delay
 * answers. It counts calls per row: inputs are expected to contain {@code row-<id>}.
 */
public final class MockOpenAiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ROW = Pattern.compile("row-(\\d+)");

    private final HttpServer server;
    private final int dims;
    private final DeterministicProvider vectors;
    private final Map<String, AtomicInteger> callsPerRow = new ConcurrentHashMap<>();
    private final List<long[]> log = java.util.Collections.synchronizedList(new ArrayList<>()); // {nanoTime, status}
    private final AtomicLong acceptedRequests = new AtomicLong();
    private final AtomicLong acceptedTokens = new AtomicLong();
    private final AtomicLong rejected429 = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private volatile double[] limit; // {requests/s, tokens/s}
    private double reqLevel;
    private double tokLevel;
    private long last = System.nanoTime();
    private volatile int every429;
    private volatile int retryAfterSeconds = 1;
    private volatile String malformedMarker;
    private volatile String wrongDimsMarker;
    private volatile long delayMillis;
    private volatile boolean echoAuthorization;

    public MockOpenAiServer(int dims) throws IOException {
        this.dims = dims;
        this.vectors = new DeterministicProvider(dims);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public MockOpenAiServer limits(int requestsPerMinute, int tokensPerMinute) {
        limit = new double[] {requestsPerMinute / 60.0, tokensPerMinute / 60.0};
        reqLevel = limit[0] * 6;
        tokLevel = limit[1] * 6;
        return this;
    }

    public MockOpenAiServer every429(int n, int retryAfterSeconds) {
        this.every429 = n;
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    public MockOpenAiServer malformedWhenInputContains(String marker) {
        this.malformedMarker = marker;
        return this;
    }

    public MockOpenAiServer wrongDimensionsWhenInputContains(String marker) {
        this.wrongDimsMarker = marker;
        return this;
    }

    /**
     * Answers every request 401 with a body that echoes the request's Authorization header, as some
     * OpenAI-compatible proxies do: the hostile case for secret scrubbing.
     */
    public MockOpenAiServer echoAuthorizationIn401() {
        this.echoAuthorization = true;
        return this;
    }

    public MockOpenAiServer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** Embedding calls per row id (answered 200 with vectors, or malformed). */
    public Map<String, Integer> callsPerRow() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        callsPerRow.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void resetCounts() {
        callsPerRow.clear();
    }

    public long rejected429() {
        return rejected429.get();
    }

    public long acceptedRequests() {
        return acceptedRequests.get();
    }

    public long acceptedTokens() {
        return acceptedTokens.get();
    }

    /** {nanoTime, HTTP status} of every request, in arrival order. */
    public List<long[]> requestLog() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            long n = requests.incrementAndGet();
            if (echoAuthorization) {
                String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
                String quoted = auth.replace("\\", "\\\\").replace("\"", "\\\"");
                send(ex, 401, "{\"error\":{\"message\":\"Incorrect API key provided: " + quoted + "\",\"type\":\"invalid_request_error\","
                        + "\"received_header\":\"" + quoted + "\"}}");
                return;
            }
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            List<String> inputs = new ArrayList<>();
            body.get("input").forEach(i -> inputs.add(i.asString()));
            int tokens = inputs.stream().mapToInt(TokenEstimate::of).sum();
            if ((every429 > 0 && n % every429 == 0) || !admit(tokens)) {
                rejected429.incrementAndGet();
                log.add(new long[] {System.nanoTime(), 429});
                ex.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
                send(ex, 429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}");
                return;
            }
            log.add(new long[] {System.nanoTime(), 200});
            acceptedRequests.incrementAndGet();
            acceptedTokens.addAndGet(tokens);
            for (String in : inputs) {
                Matcher m = ROW.matcher(in);
                if (m.find()) {
                    callsPerRow.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
                }
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (malformedMarker != null && inputs.stream().anyMatch(i -> i.contains(malformedMarker))) {
                send(ex, 200, "{\"object\":\"list\",\"data\":[{\"embedding\":\"oops\"");
                return;
            }
            boolean wrong = wrongDimsMarker != null && inputs.stream().anyMatch(i -> i.contains(wrongDimsMarker));
            ObjectNode res = JSON.createObjectNode().put("object", "list").put("model", body.get("model").asString());
            ArrayNode data = res.putArray("data");
            for (int i = 0; i < inputs.size(); i++) {
                ArrayNode emb = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
                float[] v = vectors.embed(List.of(inputs.get(i))).get(0);
                for (int d = 0; d < (wrong ? dims + 1 : dims); d++) {
                    emb.add(d < dims ? v[d] : 0f);
                }
            }
            res.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
            send(ex, 200, res.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Token buckets refilled continuously; a request is admitted when both hold enough. */
    private synchronized boolean admit(int tokens) {
        if (limit == null) {
            return true;
        }
        long now = System.nanoTime();
        double s = (now - last) / 1e9;
        last = now;
        reqLevel = Math.min(limit[0] * 6, reqLevel + s * limit[0]);
        tokLevel = Math.min(limit[1] * 6, tokLevel + s * limit[1]);
        if (reqLevel < 1 || tokLevel < tokens) {
            return false;
        }
        reqLevel -= 1;
        tokLevel -= tokens;
        return true;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * For the benchmark: {@code MockOpenAiServer DIMS RPM TPM STATS_FILE} serves until killed and
     * rewrites STATS_FILE every second with "requests tokens 429s firstNanos lastNanos".
     */
    public static void main(String[] args) throws Exception {
        MockOpenAiServer s = new MockOpenAiServer(Integer.parseInt(args[0])).limits(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        System.out.println(s.baseUrl());
        System.out.flush();
        java.nio.file.Path stats = java.nio.file.Path.of(args[3]);
        while (true) {
            Thread.sleep(1000);
            List<long[]> ok = s.requestLog().stream().filter(r -> r[1] == 200).toList();
            long first = ok.isEmpty() ? 0 : ok.get(0)[0];
            long lastOk = ok.isEmpty() ? 0 : ok.get(ok.size() - 1)[0];
            java.nio.file.Files.writeString(stats, s.acceptedRequests() + " " + s.acceptedTokens() + " " + s.rejected429() + " "
                    + first + " " + lastOk + "\n");
        }
    }
}
