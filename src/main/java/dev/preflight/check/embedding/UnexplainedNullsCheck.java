package dev.preflight.check.embedding;

import dev.preflight.report.EmbeddingsSection.Target;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;

/**
 * EMB001 (high): no NULL vector is left unexplained. A NULL vector is invisible to vector search;
 * rows the run did not reach (stopped, failed, {@code --limit}) are found by running the backfill again.
 */
public final class UnexplainedNullsCheck extends EmbeddingCheck {

    @Override
    public String id() {
        return "EMB001";
    }

    @Override
    public String title() {
        return "No NULL embeddings remain (every row embedded or its skip explained)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    protected Finding check(Target t) {
        return !measured(t) || t.nullsUnexplained() == 0 ? null : finding(subject(t),
                t.nullsUnexplained() + " row(s) of " + t.table() + " still have a NULL " + t.column()
                        + " with no recorded reason: vector search cannot find them",
                "0 NULL vectors", t.nullsUnexplained() + " NULL", "run ./preflight backfill --target " + t.name()
                        + " again: it resumes where it stopped");
    }
}
