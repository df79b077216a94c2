package dev.preflight.report;

/** Report section "Vector indexes" (measured recall, rebuilds), filled by the retune job. Placeholder until it lands. */
public record VectorIndexSection(boolean dryRun) {
}
