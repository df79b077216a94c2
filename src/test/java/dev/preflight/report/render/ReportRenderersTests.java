package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.PreflightException;
import dev.preflight.report.ReadinessReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renderers made ahead, on their own thread while the jobs run.
 *
 * <p>Kills: a prepared renderer that writes other files than a fresh one (a sample's state leaking into the real
 * report, the Markdown and the page on different template set-ups); a failure of the preparation that loses the
 * template's own error and remedy, or that hides it as a successful report; earlier runs read ahead missing from the trend chart.
 */
class ReportRenderersTests {

    private static final List<String> FILES = List.of("readiness.md", "readiness.html", "readiness.json", "junit.xml");

    @Test
    void preparedRenderersWriteTheSameFilesAsFreshOnes(@TempDir Path dir) throws Exception {
        ReadinessReport report = ReportFixtures.notReady();
        ReadinessReport sample = ReportFixtures.at(ReportFixtures.notConnected(), "sample-run-id", "2026-01-01T00:00:00Z");
        ReadinessReport earlier = ReportFixtures.at(ReportFixtures.notConnected(), "earlier-run", "2025-12-01T00:00:00Z");
        ProjectLayout a = new ProjectLayout(dir.resolve("a"), dir.resolve("a/reports"));
        ProjectLayout b = new ProjectLayout(dir.resolve("b"), dir.resolve("b/reports"));
        new ReportWriter(a).write(earlier);
        new ReportWriter(b).write(earlier);
        Path fresh = new ReportWriter(a).write(report);
        ReportRenderers.Prepared prepared = ReportRenderers.prepare(null, b.reportsDir(), () -> sample);
        Path ahead = new ReportWriter(b, prepared).write(report);

        for (String f : FILES) {
            assertThat(Files.readString(ahead.resolve(f), StandardCharsets.UTF_8)).as(f)
                    .isEqualTo(Files.readString(fresh.resolve(f), StandardCharsets.UTF_8))
                    .doesNotContain(sample.runId());
        }
        // the earlier run, read ahead, is in the trend chart
        assertThat(Files.readString(ahead.resolve("readiness.html"), StandardCharsets.UTF_8)).contains("Trend over the last 2 runs", "earlier-run");
    }

    @Test
    void aProjectTemplateThatFailsStillFailsTheReportWithItsFileAndRemedy(@TempDir Path dir) throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve(MarkdownRenderer.TEMPLATE), "# ${report.noSuchField}\n");
        ProjectLayout project = new ProjectLayout(dir, dir.resolve("reports"));
        ReportRenderers.Prepared prepared = ReportRenderers.prepare(templates, project.reportsDir(), ReportFixtures::notReady);

        assertThatThrownBy(() -> new ReportWriter(project, prepared).write(ReportFixtures.notReady()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining(MarkdownRenderer.TEMPLATE)
                .satisfies(e -> assertThat(((PreflightException) e).remedy()).contains(templates.resolve(MarkdownRenderer.TEMPLATE).toString()));
        assertThat(ReportWriter.latest(project.reportsDir())).as("nothing published").isNull();
    }
}
