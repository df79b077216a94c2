package dev.preflight.job.backfill.provider;

import dev.preflight.config.EmbeddingTarget;
import dev.preflight.config.EmbeddingsConfig;
import dev.preflight.config.EmbeddingsConfig.OpenAiSettings;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.PreflightException;
import dev.preflight.kernel.Secrets;

/** Creates the provider a target uses: {@code --provider}, else the target's own, else the project default. */
public final class Providers {

    private Providers() {
    }

    /**
     * @param override the {@code --provider} flag, or null
     * @param columnDims the target column's declared dimension, used by the deterministic provider
     */
    public static EmbeddingProvider create(String override, EmbeddingTarget target, EmbeddingsConfig config, Console console,
                                           int columnDims) {
        String name = override != null ? override : target.provider() != null ? target.provider() : config.provider();
        return switch (name) {
            case "local" -> new LocalMiniLmProvider();
            case "deterministic" -> new DeterministicProvider(columnDims);
            case "openai" -> {
                OpenAiSettings settings = config.openai().resolve(console::env);
                String keyEnv = settings.apiKeyEnv();
                String key = keyEnv == null ? null : console.env(keyEnv);
                Secrets.register(key);
                if (key == null && settings.baseUrl().contains("api.openai.com")) {
                    throw PreflightException.config("the openai provider needs an API key in the environment variable " + keyEnv,
                            "export " + keyEnv + "=... (or set embeddings.openai.apiKeyEnv in jobs/preflight.yaml)");
                }
                yield new OpenAiProvider(settings, target.model() != null ? target.model() : settings.model(), key);
            }
            default -> throw PreflightException.config("unknown provider '" + name + "'", "use --provider openai, local or deterministic");
        };
    }
}
