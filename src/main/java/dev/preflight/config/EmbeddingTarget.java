package dev.preflight.config;

import java.util.List;

/**
 * One table whose vector column the backfill fills: the table, its id column, the text to embed
 * (columns joined by a newline, or an SQL expression over the row), the vector column, and an
 * optional provider and model that override the project's defaults.
 *
 * @param builtIn true for the NeonHub defaults: a missing table is then skipped, not an error
 */
public record EmbeddingTarget(String name, String table, String idColumn, List<String> textColumns, String textSql,
                              String vectorColumn, String provider, String model, boolean builtIn) {

    /** The NeonHub defaults, used when {@code embeddings.targets} is not set. */
    public static List<EmbeddingTarget> neonHubDefaults() {
        return List.of(
                new EmbeddingTarget("chunks", "chunks", "id", List.of("content"), null, "embedding", null, null, true),
                new EmbeddingTarget("messages", "messages", "id", List.of("content"), null, "embedding", null, null, true),
                new EmbeddingTarget("brand_voices", "brand_voices", "id", List.of("name", "description", "sampleText"), null,
                        "embedding", null, null, true));
    }
}
