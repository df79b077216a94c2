package dev.preflight.job.backfill.provider;

import java.util.List;

/**
 * Strategy for turning texts into vectors: one implementation per provider (an OpenAI-compatible
 * endpoint, the in-process all-MiniLM-L6-v2 model, deterministic test vectors).
 */
public interface EmbeddingProvider extends AutoCloseable {

    /** The provider's name as given to {@code --provider}: openai, local or deterministic. */
    String name();

    /** The model that produces the vectors; recorded per row so a model change re-embeds. */
    String model();

    /** The length of every vector this provider returns. */
    int dimensions();

    /** False only for the deterministic provider: its vectors carry no meaning. */
    boolean semantic();

    /**
     * The longest text accepted, in estimated tokens (see {@link TokenEstimate}); a longer text is
     * skipped with its id and reason rather than truncated, because a truncated text would be
     * embedded as if it were the whole row.
     */
    int maxTokensPerInput();

    /**
     * Embeds the texts, one vector per text in the same order. Throws
     * {@link ProviderException.Rejected} when the response cannot be used (malformed, wrong count or
     * dimension), and {@link ProviderException.Unavailable} when the provider cannot be reached
     * after the retries.
     */
    List<float[]> embed(List<String> texts);

    @Override
    default void close() {
    }
}
