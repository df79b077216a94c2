package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import dev.preflight.kernel.Secrets;
import java.util.List;
import java.util.Map;

/**
 * Registers with the scrubber every secret a command line can bring, before anything runs: the
 * passwords of every database URL (options {@code --db-url} and {@code --direct-url}, any environment
 * variable holding a PostgreSQL URL such as {@code DATABASE_URL} and {@code DIRECT_DATABASE_URL}) and
 * the values of secret-named environment variables ({@code OPENAI_API_KEY}, {@code ...PASSWORD}, ...).
 */
public final class KnownSecrets {

    private static final List<String> URL_OPTIONS = List.of("--db-url", "--direct-url");

    private KnownSecrets() {
    }

    public static void register(Map<String, String> env, String[] args) {
        Secrets.registerSecretEnvironment(env);
        env.values().forEach(KnownSecrets::registerUrl);
        for (int i = 0; i < args.length; i++) {
            for (String option : URL_OPTIONS) {
                if (args[i].equals(option) && i + 1 < args.length) {
                    registerUrl(args[i + 1]);
                } else if (args[i].startsWith(option + "=")) {
                    registerUrl(args[i].substring(option.length() + 1));
                }
            }
        }
    }

    /** A configured API key's environment variable (embeddings.openai.apiKeyEnv), whatever its name. */
    public static void registerEnvironmentValue(Map<String, String> env, String name) {
        if (name != null) {
            Secrets.register(env.get(name));
        }
    }

    private static void registerUrl(String value) {
        if (value == null) {
            return;
        }
        String v = value.trim();
        if (v.startsWith("postgres://") || v.startsWith("postgresql://") || v.startsWith("jdbc:postgresql://")) {
            try {
                DatabaseUrl.parse(v); // registers the password and secret parameters it holds
            } catch (PreflightException e) {
                // a malformed URL is reported, without its content, when the command resolves its target
            }
        }
    }
}
