package dev.preflight.report;

/** Report section "Embeddings", filled by the backfill job. Placeholder until the backfill job lands. */
public record EmbeddingsSection(boolean dryRun) {
}
