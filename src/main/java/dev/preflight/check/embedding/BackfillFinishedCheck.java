package dev.preflight.check.embedding;

import dev.preflight.report.EmbeddingsSection.Target;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;

/**
 * EMB006 (high): the backfill job finished; a failed or stopped job resumes when run again.
 */
public final class BackfillFinishedCheck extends EmbeddingCheck {

    @Override
    public String id() {
        return "EMB006";
    }

    @Override
    public String title() {
        return "The backfill job finished";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    protected Finding check(Target t) {
        return !"FAILED".equals(t.status()) && !"STOPPED".equals(t.status()) ? null : finding(subject(t),
                "the backfill of " + t.name() + " ended " + t.status() + (t.note() == null ? "" : ": " + t.note()),
                "COMPLETED", t.status(), "fix the cause and run ./preflight backfill again: finished chunks are kept");
    }
}
