package dev.preflight.check.embedding;

import dev.preflight.report.EmbeddingsSection.Target;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;

/**
 * EMB005 (blocker): the provider's dimension matches the column's declared vector(n).
 */
public final class DimensionMatchCheck extends EmbeddingCheck {

    @Override
    public String id() {
        return "EMB005";
    }

    @Override
    public String title() {
        return "The provider's dimension matches the vector column";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.BLOCKER;
    }

    @Override
    protected Finding check(Target t) {
        return !"DIMENSION_MISMATCH".equals(t.status()) ? null : finding(subject(t), t.note(),
                "vector(" + t.dimensions() + ")", t.provider() + " " + t.model(),
                "choose a model with " + t.dimensions() + " dimensions, or migrate the column");
    }
}
