package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.ReadinessReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportRendererTests {

    private final JsonReportRenderer renderer = new JsonReportRenderer();

    @Test
    void roundTripGivesTheSameReport() {
        // given
        ReadinessReport report = ReportFixtures.notReady();

        // when
        ReadinessReport read = JsonReportRenderer.read(renderer.render(report));

        // then
        assertThat(read).isEqualTo(report);
    }

    @Test
    void roundTripWithoutDatabase() {
        ReadinessReport report = ReportFixtures.notConnected();

        assertThat(JsonReportRenderer.read(renderer.render(report))).isEqualTo(report);
    }

    @Test
    void writesSchemaVersionFirstAndSeveritiesInLowerCase() {
        String json = renderer.render(ReportFixtures.notReady());
        String compact = json.replaceAll("\\s+", "");

        assertThat(compact).startsWith("{\"schemaVersion\":1,\"runId\":\"20251026-235000-ab12\",\"command\":\"run\"");
        assertThat(compact).contains("\"severity\":\"blocker\"", "\"severity\":\"high\"", "\"severity\":\"info\"");
        assertThat(compact).doesNotContain("\"severity\":\"BLOCKER\"");
        assertThat(json).contains("\n  \"runId\"");
    }

    @Test
    void keepsTheRecordsFieldOrder() {
        String compact = renderer.render(ReportFixtures.notReady()).replaceAll("\\s+", "");

        assertThat(compact).containsSubsequence("\"verdict\"", "\"verdictRule\"", "\"confidence\"", "\"jobs\"", "\"steps\"",
                "\"warnings\"", "\"database\"", "\"migrationStatus\"", "\"migrations\"", "\"findings\"", "\"checklist\"");
        assertThat(compact).contains("{\"id\":\"MIG003\",\"severity\":\"blocker\",\"subject\":\"public\"");
    }

    @Test
    void omitsNulls() {
        String compact = renderer.render(ReportFixtures.notConnected()).replaceAll("\\s+", "");

        assertThat(compact).doesNotContain("null").doesNotContain("\"database\"");
    }

    @Test
    void readsAFileAndIgnoresUnknownProperties(@TempDir Path dir) throws Exception {
        // given: a report from a newer Preflight with a property this version does not know
        ReadinessReport report = ReportFixtures.notConnected();
        String newer = renderer.render(report).replaceFirst("\\{", "{\n  \"addedLater\" : true,");
        Path file = dir.resolve("readiness.json");
        java.nio.file.Files.writeString(file, newer);

        // when / then
        assertThat(JsonReportRenderer.read(file)).isEqualTo(report);
    }
}
