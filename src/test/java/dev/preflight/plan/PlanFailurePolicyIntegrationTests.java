package dev.preflight.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.MockOpenAiServer;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's failure policy, both ways: a failed step stops the plan by default, and
 * {@code onFailure: continue} goes on. The failing step is a backfill whose provider answers are
 * unusable (its job completes, but the step has failed: no row got a vector).
 */
@ExtendWith(PostgresExtension.class)
class PlanFailurePolicyIntegrationTests {

    @Test
    void aFailedBackfillStopsThePlanUnlessThePlanSaysContinue(TestDatabase db, @TempDir Path tmp) throws Exception {
        try (MockOpenAiServer mock = new MockOpenAiServer(8).malformedWhenInputContains("row-")) {
            // given items to embed and a provider that answers every chunk with malformed JSON
            Path project = project(tmp, mock.baseUrl());
            Files.writeString(project.resolve("jobs/custom.yaml"), "steps:\n  - job: migrate\n  - job: backfill\n  - job: report\n");

            // when the plan runs with the default policy
            CliRun stop = CliRun.run(Map.of("MOCK_KEY", "k"), "run", "custom", "--project", project.toString(), "--db-url", db.uri());

            // then the step after the failed backfill is skipped, and PLAN001 points at the backfill step's line
            assertThat(stop.exitCode()).isEqualTo(1);
            JsonNode report = latest(project);
            assertThat(stepStatus(report, "report")).isEqualTo("SKIPPED");
            JsonNode plan = finding(report, "PLAN001");
            assertThat(plan.get("subject").asString()).isEqualTo("step backfill");
            assertThat(plan.get("message").asString()).contains("the plan stopped there");
            assertThat(plan.get("line").asInt()).isEqualTo(3);

            // when the plan says onFailure: continue
            Files.writeString(project.resolve("jobs/custom.yaml"),
                    "steps:\n  - job: migrate\n  - job: backfill\n    onFailure: continue\n  - job: report\n");
            CliRun go = CliRun.run(Map.of("MOCK_KEY", "k"), "run", "custom", "--project", project.toString(), "--db-url", db.uri());

            // then the next step runs, and the failure is a low PLAN001 finding beside the backfill's own
            JsonNode after = latest(project);
            assertThat(stepStatus(after, "report")).isEqualTo("COMPLETED");
            assertThat(finding(after, "PLAN001").get("severity").asString()).isEqualTo("low");
            assertThat(go.exitCode()).as("EMB003 (rejected chunks) still makes the run not ready").isEqualTo(1);
        }
    }

    private static Path project(Path dir, String baseUrl) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("migrations/V1__items.sql"), "CREATE EXTENSION IF NOT EXISTS vector;\n"
                + "CREATE TABLE items (id bigint PRIMARY KEY, body text, embedding vector(8));\n"
                + "INSERT INTO items (id, body) SELECT g, 'row-' || g || ': text to embed' FROM generate_series(1, 20) g;\n");
        Files.writeString(dir.resolve("jobs/preflight.yaml"), "embeddings:\n  provider: openai\n  chunkSize: 50\n  openai:\n    baseUrl: " + baseUrl
                + "\n    model: mock-embed\n    apiKeyEnv: MOCK_KEY\n  targets:\n    items:\n      table: items\n      text: body\n      vector: embedding\n");
        return dir;
    }

    private static JsonNode latest(Path project) throws Exception {
        return JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
    }

    private static String stepStatus(JsonNode report, String step) {
        for (JsonNode s : report.get("steps")) {
            if (s.get("step").asString().equals(step)) {
                return s.get("status").asString();
            }
        }
        return null;
    }

    private static JsonNode finding(JsonNode report, String id) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("id").asString().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + id + " in " + report.get("findings"));
    }
}
