package dev.preflight.check.embedding;

import dev.preflight.report.EmbeddingsSection;
import dev.preflight.report.EmbeddingsSection.Target;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The EMB checks, verified after a backfill from what it measured:
 * <ul>
 * <li>EMB001 (high): no NULL vector is left unexplained. A NULL vector is invisible to vector search;
 * rows the run did not reach (stopped, failed, {@code --limit}) are found by running the backfill again.</li>
 * <li>EMB002 (medium): every row has text the model accepts. Skipped rows (empty text, text over the
 * model's limit) keep a NULL vector; their ids and reasons are listed. Fix the text or chunk it.</li>
 * <li>EMB003 (high): the provider's answers were usable. A chunk with a malformed answer or a wrong
 * dimension is not written; re-run once the provider is fixed.</li>
 * <li>EMB004 (medium): the vectors are semantic. The deterministic provider's vectors are for tests
 * and benchmarks: search over them returns noise.</li>
 * <li>EMB005 (blocker): the provider's dimension matches the column's declared vector(n).</li>
 * <li>EMB006 (high): the backfill job finished; a failed or stopped job resumes when run again.</li>
 * </ul>
 */
public final class EmbeddingChecks {

    private EmbeddingChecks() {
    }

    public static List<EmbeddingCheck> all(EmbeddingsSection s) {
        return List.of(
                new EmbeddingCheck("EMB001", "No NULL embeddings remain (every row embedded or its skip explained)", Severity.HIGH, s,
                        (c, t) -> !measured(t) || t.nullsUnexplained() == 0 ? null : c.finding(subject(t),
                                t.nullsUnexplained() + " row(s) of " + t.table() + " still have a NULL " + t.column()
                                        + " with no recorded reason: vector search cannot find them",
                                "0 NULL vectors", t.nullsUnexplained() + " NULL", "run ./preflight backfill --target " + t.name()
                                        + " again: it resumes where it stopped")),
                new EmbeddingCheck("EMB002", "Every row has text the model accepts", Severity.MEDIUM, s,
                        (c, t) -> !measured(t) || t.nullsSkipped() == 0 ? null : c.finding(subject(t),
                                t.nullsSkipped() + " row(s) were skipped and keep a NULL vector: " + reasons(t, "skipped"),
                                "no skipped rows", t.nullsSkipped() + " skipped",
                                "give those rows text (or split over-long text into chunks), then run the backfill again")),
                new EmbeddingCheck("EMB003", "The provider's answers were usable (no rejected chunk)", Severity.HIGH, s,
                        (c, t) -> !measured(t) || t.nullsFailed() == 0 ? null : c.finding(subject(t),
                                t.nullsFailed() + " row(s) are in chunks the provider answered unusably, so nothing of them was"
                                        + " written: " + reasons(t, "failed"),
                                "every answer well-formed, " + t.dimensions() + " dimensions", t.nullsFailed() + " failed",
                                "check the provider endpoint and model, then run the backfill again")),
                new EmbeddingCheck("EMB004", "Embeddings are semantic (not deterministic test vectors)", Severity.MEDIUM, s,
                        (c, t) -> !measured(t) || t.semantic() ? null : c.finding(subject(t),
                                "the vectors of " + t.table() + "." + t.column() + " come from the deterministic provider: they are"
                                        + " NOT semantic, search over them returns noise",
                                "a semantic model", t.model(), "run ./preflight backfill --provider local (or openai) --reembed")),
                new EmbeddingCheck("EMB005", "The provider's dimension matches the vector column", Severity.BLOCKER, s,
                        (c, t) -> !"DIMENSION_MISMATCH".equals(t.status()) ? null : c.finding(subject(t), t.note(),
                                "vector(" + t.dimensions() + ")", t.provider() + " " + t.model(),
                                "choose a model with " + t.dimensions() + " dimensions, or migrate the column")),
                new EmbeddingCheck("EMB006", "The backfill job finished", Severity.HIGH, s,
                        (c, t) -> !"FAILED".equals(t.status()) && !"STOPPED".equals(t.status()) ? null : c.finding(subject(t),
                                "the backfill of " + t.name() + " ended " + t.status() + (t.note() == null ? "" : ": " + t.note()),
                                "COMPLETED", t.status(), "fix the cause and run ./preflight backfill again: finished chunks are kept")));
    }

    private static boolean measured(Target t) {
        return !"NOT_PRESENT".equals(t.status()) && !"DIMENSION_MISMATCH".equals(t.status()) && !"DRY_RUN".equals(t.status());
    }

    private static String subject(Target t) {
        return t.table() + "." + t.column();
    }

    private static String reasons(Target t, String kind) {
        String listed = t.issues().stream().filter(i -> i.kind().equals(kind))
                .map(i -> i.reason() + " (" + i.rows() + ": " + String.join(", ", i.ids()) + (i.rows() > i.ids().size() ? ", ..." : "") + ")")
                .collect(Collectors.joining("; "));
        return listed.isEmpty() ? "see preflight.embedding_issues for the ids and reasons" : listed;
    }
}
