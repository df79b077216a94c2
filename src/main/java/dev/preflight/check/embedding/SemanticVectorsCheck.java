package dev.preflight.check.embedding;

import dev.preflight.report.EmbeddingsSection.Target;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;

/**
 * EMB004 (medium): the vectors are semantic. The deterministic provider's vectors are for tests
 * and benchmarks: search over them returns noise.
 */
public final class SemanticVectorsCheck extends EmbeddingCheck {

    @Override
    public String id() {
        return "EMB004";
    }

    @Override
    public String title() {
        return "Embeddings are semantic (not deterministic test vectors)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    protected Finding check(Target t) {
        return !measured(t) || t.semantic() ? null : finding(subject(t),
                "the vectors of " + t.table() + "." + t.column() + " come from the deterministic provider: they are"
                        + " NOT semantic, search over them returns noise",
                "a semantic model", t.model(), "run ./preflight backfill --provider local (or openai) --reembed");
    }
}
