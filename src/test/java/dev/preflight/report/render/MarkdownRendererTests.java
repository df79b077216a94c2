package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import dev.preflight.report.ReadinessReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the built-in Markdown template against in-memory reports.
 *
 * <p>The golden file {@code src/test/resources/golden/readiness.md} is compared byte for byte. After
 * an intended template change, regenerate it and review the diff:
 * {@code mvn -q -Dtest=MarkdownRendererTests -Dgolden.update=true test}.
 */
class MarkdownRendererTests {

    private static final Path GOLDEN_SOURCE = Path.of("src/test/resources/golden/readiness.md");

    private final MarkdownRenderer renderer = new MarkdownRenderer(null);

    @Test
    void matchesTheGoldenFile() throws IOException {
        String markdown = renderer.render(ReportFixtures.notReady());

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN_SOURCE, markdown, StandardCharsets.UTF_8);
        }
        assertThat(markdown).isEqualTo(golden());
    }

    @Test
    void hasEverySection() {
        String markdown = renderer.render(ReportFixtures.notReady());

        assertThat(markdown).containsSubsequence(
                "# Preflight readiness report: neonhub, run 20251026-235000-ab12",
                "## 1. Executive summary", "**Verdict: NOT_READY**",
                "## 2. Environment & connectivity", "## 3. Migration inventory", "## 4. Schema statistics",
                "## 5. Database state", "## 6. Risks", "## 7. Pre-deployment checklist", "## 8. Status summary",
                "## 9. Verdict", "## 10. Job steps");
    }

    @Test
    void tellsNeverMigratedFromUpToDate() {
        String markdown = renderer.render(ReportFixtures.notReady());

        assertThat(markdown).contains("- State: never migrated (no history table, no application tables) -> at version 3, 2 pending");
    }

    @Test
    void writesTheExpectedTableRows() {
        String markdown = renderer.render(ReportFixtures.notReady());

        assertThat(markdown).contains(
                "| 3 | realign schema | `V3__realign_schema.sql` | 200 | -3333 (applied: 4444) | SUCCESS | yes | 60 ms |",
                "| 5 | gpt5 merge vector | `V5__gpt5_merge_vector.sql` | 34 | 6666 | PENDING | no | - |",
                "| chunks | embedding | vector | 1536 | 300 | 120 | 40.0% |",
                "| messages | embedding | vector | - | 0 | 0 | n/a |",
                "| `chunks_embedding_cosine_idx` | chunks | embedding | ivfflat | vector_cosine_ops | lists=100 | 1.6 MiB | 0 | yes |",
                "| Server | WARN | SRV002: PostgreSQL 14 reaches end of life in November 2026 |",
                "| Seed | WARN | SEED001: not run in this run |");
    }

    @Test
    void aPipeOrLineBreakInFreeTextStaysInsideItsCell() {
        String markdown = renderer.render(ReportFixtures.notReady());

        assertThat(markdown).contains("| Migrations | FAIL | MIG003: 2 migrations are pending \\| not applied after the run |");
        assertThat(markdown).contains("| 4 | full org \\| ai vector bootstrap |");
    }

    @Test
    void ticksOnlyPassedChecks() {
        String markdown = renderer.render(ReportFixtures.notReady());

        assertThat(markdown).contains(
                "- [x] **SRV003** Required extensions are available: vector 0.8.0",
                "- [ ] **MIG003** No migrations are pending (FAILED, 1 finding, see Risks)",
                "- [ ] **IDX001** IVFFlat indexes were trained on data (ERROR: the check crashed, so this item is unverified)",
                "- [ ] **SEED001** Seed data is present (NOT RUN in this run)");
    }

    @Test
    void saysNotMeasuredWithoutADatabase() {
        ReadinessReport report = ReportFixtures.notConnected();

        String markdown = renderer.render(report);

        assertThat(markdown).contains(
                "- Schema: not measured (no database connection)",
                "- State: not measured",
                "- Database: not measured (no connection was made; see the warnings and risks)",
                "- State before and after the run: not measured",
                "- **SRV001** (blocker) localhost:5433: connection refused",
                "| Server | FAIL | SRV001: connection refused |",
                "Confidence: 50% (the share of checklist items verified automatically in this run: 1 of 2)");
        assertThat(markdown).doesNotContain("never migrated", "up to date");
    }

    @Test
    void aProjectTemplateOverridesTheBuiltInOne(@TempDir Path templates) throws IOException {
        // given
        Files.writeString(templates.resolve(MarkdownRenderer.TEMPLATE), "custom ${report.verdict} ${text.esc('a|b')}");

        // when
        String markdown = new MarkdownRenderer(templates).render(ReportFixtures.notReady());

        // then
        assertThat(markdown).isEqualTo("custom NOT_READY a\\|b");
    }

    @Test
    void aBrokenProjectTemplateNamesTheFileToFix(@TempDir Path templates) throws IOException {
        Files.writeString(templates.resolve(MarkdownRenderer.TEMPLATE), "${report.noSuchField}");

        assertThatThrownBy(() -> new MarkdownRenderer(templates).render(ReportFixtures.notReady()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("report: template readiness.md.ftl failed")
                .extracting(e -> ((PreflightException) e).remedy()).asString()
                .startsWith("fix " + templates.resolve(MarkdownRenderer.TEMPLATE));
    }

    @Test
    void anEmptyProjectFolderFallsBackToTheBuiltInTemplate(@TempDir Path templates) {
        String markdown = new MarkdownRenderer(templates).render(ReportFixtures.notReady());

        assertThat(markdown).startsWith("# Preflight readiness report: neonhub");
    }

    private static String golden() throws IOException {
        try (InputStream in = MarkdownRendererTests.class.getResourceAsStream("/golden/readiness.md")) {
            assertThat(in).as("golden/readiness.md on the test classpath (see the class Javadoc to create it)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
