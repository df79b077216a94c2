package dev.preflight.check.embedding;

import dev.preflight.report.EmbeddingsSection.Target;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;

/**
 * EMB003 (high): the provider's answers were usable. A chunk with a malformed answer or a wrong
 * dimension is not written; re-run once the provider is fixed.
 */
public final class ProviderAnswersCheck extends EmbeddingCheck {

    @Override
    public String id() {
        return "EMB003";
    }

    @Override
    public String title() {
        return "The provider's answers were usable (no rejected chunk)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    protected Finding check(Target t) {
        return !measured(t) || t.nullsFailed() == 0 ? null : finding(subject(t),
                t.nullsFailed() + " row(s) are in chunks the provider answered unusably, so nothing of them was"
                        + " written: " + reasons(t, "failed"),
                "every answer well-formed, " + t.dimensions() + " dimensions", t.nullsFailed() + " failed",
                "check the provider endpoint and model, then run the backfill again");
    }
}
