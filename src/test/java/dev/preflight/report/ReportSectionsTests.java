package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.report.render.JsonReportRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sections are registered once: every section record is in ReportSections with a fragment that
 * exists, the report holds them by key in registry order, and the JSON writes them at the top level
 * after the checklist and reads them back as their records.
 */
class ReportSectionsTests {

    private static ReadinessReport report(ReportSection... sections) {
        return new ReadinessReport(1, "r1", "gate", "2026-11-30T00:00:00Z", "0", "p", Verdict.READY, "rule", 1.0, List.of("lint"),
                List.of(), List.of(), null, null, List.of(), List.of(), List.of(), ReadinessReport.sections(sections));
    }

    @Test
    void everySectionRecordIsRegisteredWithAFragmentThatExists() throws IOException {
        Set<String> implementing;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/preflight/report"))) {
            implementing = files.filter(f -> f.toString().endsWith(".java")).filter(f -> read(f).contains("implements ReportSection"))
                    .map(f -> f.getFileName().toString().replace(".java", "")).collect(Collectors.toSet());
        }
        assertThat(ReportSections.ALL.stream().map(k -> k.type().getSimpleName())).containsExactlyInAnyOrderElementsOf(implementing);
        assertThat(ReportSections.ALL).allSatisfy(k -> assertThat(Path.of("templates").resolve(k.template())).exists());
        assertThat(ReportSections.ALL.stream().map(ReportSections.Kind::key)).doesNotHaveDuplicates();
        assertThatThrownBy(() -> ReportSections.of(String.class)).hasMessageContaining("not registered");
    }

    @Test
    void theReportHoldsSectionsByKeyInRegistryOrderAndTheJsonKeepsThemAtTheTopLevel() {
        NextSteps next = new NextSteps(List.of(), List.of());
        EmbeddingsSection embeddings = new EmbeddingsSection(true, List.of());
        ReadinessReport r = report(next, embeddings);

        assertThat(r.sections().keySet()).containsExactly("embeddings", "nextSteps");
        assertThat(r.embeddings()).isSameAs(embeddings);
        assertThat(r.seed()).isNull();
        String json = new JsonReportRenderer().render(r).replaceAll("\\s", "");
        assertThat(json).containsSubsequence("\"checklist\":[]", "\"embeddings\":{\"dryRun\":true", "\"nextSteps\":{")
                .doesNotContain("\"sections\"").doesNotContain("\"seed\"");
        assertThat(JsonReportRenderer.read(json)).isEqualTo(r);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
