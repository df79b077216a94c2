package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code embeddings:} settings of {@code jobs/preflight.yaml}: the default provider, chunk size
 * and threads of the backfill, the OpenAI-compatible endpoint, and the targets.
 */
public record EmbeddingsConfig(String provider, int chunkSize, int threads, OpenAiSettings openai, List<EmbeddingTarget> targets) {

    /** The embedding providers {@code provider:} and {@code --provider} may name. */
    public static final Set<String> PROVIDERS = Set.of("local", "openai", "deterministic");
    private static final Set<String> KEYS = Set.of("provider", "chunkSize", "threads", "openai", "targets");
    private static final Set<String> TARGET_KEYS = Set.of("table", "id", "text", "textSql", "vector", "provider", "model");

    /** An OpenAI-compatible {@code /v1/embeddings} endpoint and the limits the client keeps to. */
    public record OpenAiSettings(String baseUrl, String model, Integer dimensions, String apiKeyEnv, int requestsPerMinute,
                                 int tokensPerMinute, int maxInputsPerRequest, int maxTokensPerRequest, int maxTokensPerInput,
                                 int maxRetries, int maxConcurrentRequests) {

        static final Set<String> KEYS = Set.of("baseUrl", "model", "dimensions", "apiKeyEnv", "requestsPerMinute",
                "tokensPerMinute", "maxInputsPerRequest", "maxTokensPerRequest", "maxTokensPerInput", "maxRetries",
                "maxConcurrentRequests");

        /**
         * These settings with the endpoint decided: {@code baseUrl} from jobs/preflight.yaml, else the
         * environment's {@code OPENAI_BASE_URL} (lowest precedence, as in OpenAI's SDKs), else OpenAI's.
         */
        public OpenAiSettings resolve(java.util.function.Function<String, String> env) {
            String fromEnv = env.apply("OPENAI_BASE_URL");
            String url = baseUrl != null ? baseUrl : fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : OPENAI_ENDPOINT;
            return new OpenAiSettings(url, model, dimensions, apiKeyEnv, requestsPerMinute, tokensPerMinute, maxInputsPerRequest,
                    maxTokensPerRequest, maxTokensPerInput, maxRetries, maxConcurrentRequests);
        }

        /** OpenAI's own endpoint, the last default of {@link #resolve}. */
        public static final String OPENAI_ENDPOINT = "https://api.openai.com/v1";

        /**
         * OpenAI's published limits for text-embedding-3-small (tier 1 rate limits); no baseUrl, so that
         * {@link #resolve} can fall back to {@code OPENAI_BASE_URL} as OpenAI's SDKs do.
         */
        public static OpenAiSettings defaults() {
            return new OpenAiSettings(null, "text-embedding-3-small", null, "OPENAI_API_KEY",
                    3000, 1_000_000, 2048, 300_000, 8191, 6, 4);
        }
    }

    public static EmbeddingsConfig defaults() {
        return new EmbeddingsConfig("local", 500, 1, OpenAiSettings.defaults(), EmbeddingTarget.neonHubDefaults());
    }

    /** The target named {@code name}, or a configuration error listing the declared ones. */
    public EmbeddingTarget target(String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> PreflightException.config(
                "no embedding target named '" + name + "'", "declared targets: "
                        + targets.stream().map(EmbeddingTarget::name).toList() + " (jobs/preflight.yaml, embeddings.targets)"));
    }

    static EmbeddingsConfig parse(Map<?, ?> m, String where) {
        YamlValues v = new YamlValues(where, "embeddings");
        v.onlyKeys(m, KEYS);
        EmbeddingsConfig d = defaults();
        String provider = v.oneOf(m, "provider", PROVIDERS, d.provider());
        int chunkSize = v.positiveInt(m, "chunkSize", d.chunkSize());
        int threads = v.positiveInt(m, "threads", d.threads());
        OpenAiSettings openai = d.openai();
        if (m.get("openai") != null) {
            Map<?, ?> o = v.map(m.get("openai"), "openai");
            YamlValues ov = new YamlValues(where, "embeddings.openai");
            ov.onlyKeys(o, OpenAiSettings.KEYS);
            OpenAiSettings od = OpenAiSettings.defaults();
            openai = new OpenAiSettings(ov.string(o, "baseUrl", od.baseUrl()), ov.string(o, "model", od.model()),
                    o.get("dimensions") == null ? null : ov.positiveInt(o, "dimensions", 0), ov.string(o, "apiKeyEnv", od.apiKeyEnv()),
                    ov.positiveInt(o, "requestsPerMinute", od.requestsPerMinute()), ov.positiveInt(o, "tokensPerMinute", od.tokensPerMinute()),
                    ov.positiveInt(o, "maxInputsPerRequest", od.maxInputsPerRequest()),
                    ov.positiveInt(o, "maxTokensPerRequest", od.maxTokensPerRequest()),
                    ov.positiveInt(o, "maxTokensPerInput", od.maxTokensPerInput()), ov.positiveInt(o, "maxRetries", od.maxRetries()),
                    ov.positiveInt(o, "maxConcurrentRequests", od.maxConcurrentRequests()));
        }
        List<EmbeddingTarget> targets = d.targets();
        if (m.get("targets") != null) {
            targets = new ArrayList<>();
            for (Map.Entry<?, ?> e : v.map(m.get("targets"), "targets").entrySet()) {
                targets.add(target(String.valueOf(e.getKey()), v.map(e.getValue(), "targets." + e.getKey()), where));
            }
        }
        return new EmbeddingsConfig(provider, chunkSize, threads, openai, List.copyOf(targets));
    }

    private static EmbeddingTarget target(String name, Map<?, ?> t, String where) {
        YamlValues v = new YamlValues(where, "embeddings.targets." + name);
        v.onlyKeys(t, TARGET_KEYS);
        List<String> columns = List.of();
        Object text = t.get("text");
        if (text instanceof List<?> list) {
            columns = list.stream().map(String::valueOf).toList();
        } else if (text != null) {
            columns = List.of(String.valueOf(text));
        }
        String textSql = v.string(t, "textSql", null);
        if (columns.isEmpty() == (textSql == null)) {
            throw PreflightException.config(where + ": embeddings.targets." + name + " needs exactly one of 'text' (a column or a list"
                    + " of columns) and 'textSql' (an SQL expression)", "for example text: content");
        }
        return new EmbeddingTarget(name, v.string(t, "table", name), v.string(t, "id", "id"), columns, textSql,
                v.string(t, "vector", "embedding"), v.oneOf(t, "provider", PROVIDERS, null), v.string(t, "model", null), false);
    }

    /** Typed reads of one YAML mapping, with errors that name the file and the setting. */
    private record YamlValues(String where, String prefix) {

        void onlyKeys(Map<?, ?> m, Set<String> allowed) {
            for (Object key : m.keySet()) {
                if (!allowed.contains(String.valueOf(key))) {
                    throw PreflightException.config(where + ": unknown setting '" + prefix + "." + key + "'", "allowed: " + allowed);
                }
            }
        }

        Map<?, ?> map(Object o, String key) {
            if (o instanceof Map<?, ?> m) {
                return new LinkedHashMap<>(m);
            }
            throw PreflightException.config(where + ": " + prefix + "." + key + " must be a mapping (key: value)",
                    "see README, section Embedding backfill");
        }

        String string(Map<?, ?> m, String key, String def) {
            Object o = m.get(key);
            return o == null ? def : String.valueOf(o);
        }

        int positiveInt(Map<?, ?> m, String key, int def) {
            Object o = m.get(key);
            if (o == null) {
                return def;
            }
            if (o instanceof Integer i && i > 0) {
                return i;
            }
            throw PreflightException.config(where + ": " + prefix + "." + key + " must be a positive whole number, not '" + o + "'",
                    "for example " + key + ": " + Math.max(def, 1));
        }

        String oneOf(Map<?, ?> m, String key, Set<String> allowed, String def) {
            String s = string(m, key, def);
            if (s != null && !allowed.contains(s)) {
                throw PreflightException.config(where + ": " + prefix + "." + key + " must be one of " + allowed + ", not '" + s + "'",
                        "local runs all-MiniLM-L6-v2 in-process; openai calls an OpenAI-compatible endpoint");
            }
            return s;
        }
    }
}
