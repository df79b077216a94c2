package dev.preflight.check.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckFamily;
import dev.preflight.check.CheckRegistry;
import dev.preflight.report.EmbeddingsSection;
import dev.preflight.report.EmbeddingsSection.Issue;
import dev.preflight.report.EmbeddingsSection.Target;
import dev.preflight.report.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EMB checks over the backfill's measurements: each fires on its own condition only, and unmeasured targets pass. */
class EmbeddingChecksTests {

    private static Target target(String status, String model, boolean semantic, long nullsRemaining, long nullsSkipped, long nullsFailed,
                                 List<Issue> issues) {
        return new Target("chunks", "chunks", "embedding", 384, "local", model, semantic, status, 100, 100, 100 - nullsRemaining, 0,
                nullsSkipped, nullsFailed, nullsRemaining, nullsSkipped, nullsFailed, issues, 50.0, 2000, status.equals("COMPLETED") ? null
                        : "provider gave 768 dimensions", List.of());
    }

    private static List<String> fired(Target... targets) {
        CheckContext ctx = CheckContext.of(null, null, null, null).with(new EmbeddingsSection(false, List.of(targets)));
        return CheckRegistry.get().family(CheckFamily.EMB).stream().flatMap(c -> findings(c, ctx).stream()).map(Finding::id).toList();
    }

    @Test
    void aCompleteSemanticBackfillPassesEveryCheck() throws Exception {
        assertThat(fired(target("COMPLETED", "all-MiniLM-L6-v2", true, 0, 0, 0, List.of()))).isEmpty();
    }

    @Test
    void unexplainedSkippedAndFailedNullsAreToldApartWithTheirIdsAndReasons() throws Exception {
        List<Issue> issues = List.of(new Issue("skipped", "empty text", 2, List.of("7", "9")), new Issue("failed", "malformed answer", 1, List.of("12")));
        Target t = target("COMPLETED", "all-MiniLM-L6-v2", true, 6, 2, 1, issues);

        assertThat(fired(t)).containsExactly("EMB001", "EMB002", "EMB003");
        CheckContext ctx = CheckContext.of(null, null, null, null).with(new EmbeddingsSection(false, List.of(t)));
        assertThat(new UnexplainedNullsCheck().run(ctx).get(0).message()).startsWith("3 row(s) of chunks still have a NULL embedding");
        assertThat(new SkippedTextCheck().run(ctx).get(0).message()).contains("empty text (2: 7, 9)");
        assertThat(new ProviderAnswersCheck().run(ctx).get(0).message()).contains("malformed answer (1: 12)");
    }

    @Test
    void deterministicVectorsAMismatchedDimensionAndAnUnfinishedJobEachHaveTheirCheck() throws Exception {
        assertThat(fired(target("COMPLETED", "deterministic-sha256", false, 0, 0, 0, List.of()))).containsExactly("EMB004");
        // a mismatch is not measured otherwise: only the blocker, not NULL counts of a column the run could not fill
        assertThat(fired(target("DIMENSION_MISMATCH", "nomic", true, 100, 0, 0, List.of()))).containsExactly("EMB005");
        assertThat(fired(target("STOPPED", "all-MiniLM-L6-v2", true, 40, 0, 0, List.of()))).containsExactly("EMB001", "EMB006");
        assertThat(fired(target("DRY_RUN", "deterministic-sha256", false, 100, 0, 0, List.of()))).isEmpty();
    }

    /** A check's findings, its checked exception turned into a test failure. */
    private static List<Finding> findings(dev.preflight.check.Check check, CheckContext ctx) {
        try {
            return check.run(ctx);
        } catch (Exception e) {
            throw new AssertionError(check.id() + " crashed", e);
        }
    }
}
