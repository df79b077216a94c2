package dev.preflight.job.backfill.provider;

import dev.preflight.config.EmbeddingsConfig.OpenAiSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any OpenAI-compatible {@code /v1/embeddings} endpoint (OpenAI, Azure-style proxies, vLLM,
 * Ollama...): packs texts into requests within the input and token limits, sends them through
 * {@link OpenAiClient} (retries, back-off) under a {@link RateLimiter}, and checks every answer
 * before anything is written.
 */
public final class OpenAiProvider implements EmbeddingProvider {

    /** Native dimensions of OpenAI's models, used when the settings give none. */
    private static final Map<String, Integer> KNOWN = Map.of("text-embedding-3-small", 1536, "text-embedding-3-large", 3072,
            "text-embedding-ada-002", 1536);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenAiSettings settings;
    private final String model;
    private final OpenAiClient client;
    private volatile Integer dimensions;
    private final ExecutorService pool;

    public OpenAiProvider(OpenAiSettings settings, String model, String apiKey) {
        this.settings = settings;
        this.model = model;
        this.client = new OpenAiClient(settings.baseUrl(), apiKey, settings.maxRetries(),
                new RateLimiter(settings.requestsPerMinute(), settings.tokensPerMinute()));
        this.dimensions = settings.dimensions() != null ? settings.dimensions() : KNOWN.get(model);
        this.pool = Executors.newFixedThreadPool(settings.maxConcurrentRequests(), r -> {
            Thread t = new Thread(r, "preflight-openai");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String model() {
        return model;
    }

    /** The configured or known dimension; for an unknown model, one probe request asks the endpoint. */
    @Override
    public int dimensions() {
        if (dimensions == null) {
            dimensions = request(List.of("dimension probe"), -1).get(0).length;
        }
        return dimensions;
    }

    @Override
    public boolean semantic() {
        return true;
    }

    @Override
    public int maxTokensPerInput() {
        return settings.maxTokensPerInput();
    }

    /**
     * Packs the texts into requests and sends up to {@code maxConcurrentRequests} of them at once
     * (shared by every partition), so one slow answer does not leave the rate budget unused.
     */
    @Override
    public List<float[]> embed(List<String> texts) {
        int dims = dimensions();
        List<List<String>> batches = pack(texts);
        if (batches.size() == 1) {
            return request(batches.get(0), dims);
        }
        List<Future<List<float[]>>> futures = batches.stream().map(b -> pool.submit(() -> request(b, dims))).toList();
        List<float[]> out = new ArrayList<>(texts.size());
        try {
            for (Future<List<float[]>> f : futures) {
                out.addAll(f.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ProviderException pe ? pe
                    : new ProviderException.Unavailable("embeddings request failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Unavailable("interrupted while waiting for embeddings", e);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        return out;
    }

    /** Consecutive slices of at most maxInputsPerRequest texts and maxTokensPerRequest estimated tokens. */
    private List<List<String>> pack(List<String> texts) {
        List<List<String>> batches = new ArrayList<>();
        int from = 0;
        while (from < texts.size()) {
            int to = from;
            int tokens = 0;
            while (to < texts.size() && to - from < settings.maxInputsPerRequest()
                    && (to == from || tokens + TokenEstimate.of(texts.get(to)) <= settings.maxTokensPerRequest())) {
                tokens += TokenEstimate.of(texts.get(to++));
            }
            batches.add(texts.subList(from, to));
            from = to;
        }
        return batches;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private List<float[]> request(List<String> texts, int expectedDims) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("encoding_format", "float");
        texts.forEach(body.putArray("input")::add);
        if (settings.dimensions() != null) {
            body.put("dimensions", settings.dimensions());
        }
        int tokens = texts.stream().mapToInt(TokenEstimate::of).sum();
        return parse(client.post(body.toString(), tokens), texts.size(), expectedDims);
    }

    /** Reads the {@code data[].embedding} arrays by {@code index}; anything unexpected rejects the whole batch. */
    static List<float[]> parse(String body, int count, int expectedDims) {
        JsonNode data;
        try {
            data = JSON.readTree(body).get("data");
        } catch (JacksonException e) {
            throw new ProviderException.Rejected("malformed response from the embeddings endpoint (not JSON): " + e.getOriginalMessage());
        }
        if (data == null || !data.isArray() || data.size() != count) {
            throw new ProviderException.Rejected("malformed response from the embeddings endpoint: expected " + count
                    + " embeddings in 'data', got " + (data == null || !data.isArray() ? "none" : data.size()));
        }
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            JsonNode item = data.get(i);
            int index = item.has("index") ? item.get("index").asInt(-1) : i;
            JsonNode emb = item.get("embedding");
            if (index < 0 || index >= count || vectors[index] != null || emb == null || !emb.isArray()) {
                throw new ProviderException.Rejected("malformed response from the embeddings endpoint: item " + i
                        + " has no usable 'embedding' or a bad 'index'");
            }
            if (expectedDims > 0 && emb.size() != expectedDims) {
                throw new ProviderException.Rejected("wrong dimension from the embeddings endpoint: expected " + expectedDims
                        + ", got " + emb.size());
            }
            float[] v = new float[emb.size()];
            for (int d = 0; d < v.length; d++) {
                JsonNode x = emb.get(d);
                if (!x.isNumber() || !Float.isFinite(x.floatValue())) {
                    throw new ProviderException.Rejected("malformed response from the embeddings endpoint: item " + i
                            + " holds a non-numeric value at position " + d);
                }
                v[d] = x.floatValue();
            }
            vectors[index] = v;
        }
        return List.of(vectors);
    }
}
