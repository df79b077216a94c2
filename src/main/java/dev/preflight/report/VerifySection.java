package dev.preflight.report;

/** Report sections for drift, smoke checks, git and CI readiness, filled by the verify job. Placeholder until it lands. */
public record VerifySection(int driftFindings) {
}
