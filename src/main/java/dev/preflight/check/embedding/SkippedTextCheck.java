package dev.preflight.check.embedding;

import dev.preflight.report.EmbeddingsSection.Target;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;

/**
 * EMB002 (medium): every row has text the model accepts. Skipped rows (empty text, text over the
 * model's limit) keep a NULL vector; their ids and reasons are listed. Fix the text or chunk it.
 */
public final class SkippedTextCheck extends EmbeddingCheck {

    @Override
    public String id() {
        return "EMB002";
    }

    @Override
    public String title() {
        return "Every row has text the model accepts";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    protected Finding check(Target t) {
        return !measured(t) || t.nullsSkipped() == 0 ? null : finding(subject(t),
                t.nullsSkipped() + " row(s) were skipped and keep a NULL vector: " + reasons(t, "skipped"),
                "no skipped rows", t.nullsSkipped() + " skipped",
                "give those rows text (or split over-long text into chunks), then run the backfill again");
    }
}
