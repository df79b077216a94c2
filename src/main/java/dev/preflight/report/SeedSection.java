package dev.preflight.report;

/** Report section "Seed status", filled by the seed job. Placeholder until the seed job lands. */
public record SeedSection(boolean dryRun) {
}
