package dev.preflight.job.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.job.backfill.provider.DeterministicProvider;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.MockOpenAiServer;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(PostgresExtension.class)
class BackfillIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode embeddings(Path project) throws Exception {
        return JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json"))).get("embeddings").get("targets").get(0);
    }

    private static JsonNode report(Path project) throws Exception {
        return JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
    }

    private static String status(Path project, String check) throws Exception {
        return report(project).get("checklist").valueStream().filter(c -> c.get("id").asString().equals(check))
                .findFirst().orElseThrow().get("status").asString();
    }

    @Test
    void cleanRunWithTwoPartitionsLeavesNoNulls(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given 2,000 rows without vectors
        Path project = ItemsProject.create(tmp, 16, "provider: deterministic\nchunkSize: 100\n");
        ItemsProject.migrateAndFill(project, db, 2000);

        // when
        CliRun run = CliRun.run("backfill", "--project", project.toString(), "--db-url", db.uri(), "--threads", "2");

        // then every row has the deterministic vector of its text, and the side table knows it
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM preflight.embedding_state WHERE target = 'items' AND model = '"
                + DeterministicProvider.MODEL + "' AND content_hash = md5((SELECT body FROM items i WHERE i.id = row_id::bigint))"))
                .isEqualTo(2000);
        float[] expected = new DeterministicProvider(16).embed(List.of(db.queryString("SELECT body FROM items WHERE id = 1234"))).get(0);
        assertThat(db.queryLong("SELECT count(*) FROM items WHERE id = 1234 AND embedding <-> '" + new com.pgvector.PGvector(expected)
                + "'::vector < 1e-6")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM preflight.batch_step_execution WHERE step_name LIKE 'backfillWorkerStep:partition%'"))
                .isEqualTo(2);
        // Spring Batch is handed pages (PageTasklet), yet its counts are rows: they feed the worker logs and the connection-loss line
        assertThat(db.queryLong("SELECT sum(read_count) FROM preflight.batch_step_execution WHERE step_name LIKE 'backfillWorkerStep:partition%'"))
                .isEqualTo(2000);
        assertThat(db.queryLong("SELECT sum(write_count) FROM preflight.batch_step_execution WHERE step_name LIKE 'backfillWorkerStep:partition%'"))
                .isEqualTo(2000);
        assertThat(db.queryLong("SELECT sum(commit_count) FROM preflight.batch_step_execution WHERE step_name LIKE 'backfillWorkerStep:partition%'"))
                .as("one transaction per page of 100 rows, and each partition's last, empty one").isEqualTo(22);
        JsonNode t = embeddings(project);
        assertThat(t.get("embedded").asLong()).isEqualTo(2000);
        assertThat(t.get("nullsRemaining").asLong()).isZero();
        assertThat(t.get("semantic").asBoolean()).isFalse();
        assertThat(status(project, "EMB001")).isEqualTo("PASSED");
        assertThat(status(project, "EMB004")).isEqualTo("FAILED"); // deterministic vectors are not semantic, and the report says so
        assertThat(run.err()).contains("NOT semantic");

        // when run again, then nothing is left to do, and no job is launched for nothing
        long executions = db.queryLong("SELECT count(*) FROM preflight.batch_job_execution");
        CliRun again = CliRun.run("backfill", "--project", project.toString(), "--db-url", db.uri());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(embeddings(project).get("pending").asLong()).isZero();
        assertThat(embeddings(project).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(db.queryLong("SELECT count(*) FROM preflight.batch_job_execution")).isEqualTo(executions);
        assertThat(status(project, "EMB001")).isEqualTo("PASSED");
    }

    @Test
    void aTargetWithNothingToEmbedSkipsTheJobMachineryUnlessItsLastBackfillIsUnfinished(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given 300 rows, and no backfill yet
        Path project = ItemsProject.create(tmp, 16, "provider: deterministic\nchunkSize: 100\n");
        ItemsProject.migrateAndFill(project, db, 300);
        String model = DeterministicProvider.MODEL;
        try (java.sql.Connection c = db.connect()) {
            new TargetInspector(c).ensureStateTables();
            // then a target is idle only with nothing planned and no unfinished instance
            assertThat(BackfillLauncher.idle(c, "items", model, false, 0)).isTrue();
            assertThat(BackfillLauncher.idle(c, "items", model, false, 300)).isFalse();
        }

        // when a backfill completes
        assertThat(CliRun.run("backfill", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        long executions = db.queryLong("SELECT count(*) FROM preflight.batch_job_execution");
        long instances = db.queryLong("SELECT count(*) FROM preflight.batch_job_instance");
        try (java.sql.Connection c = db.connect()) {
            assertThat(BackfillLauncher.idle(c, "items", model, false, 0)).isTrue();

            // and when its last execution is left FAILED (as a killed or failed run leaves it)
            db.execute("UPDATE preflight.batch_job_execution SET status = 'FAILED' WHERE job_execution_id = "
                    + "(SELECT max(job_execution_id) FROM preflight.batch_job_execution)");

            // then that identity is not idle, while another model's or mode's is
            assertThat(BackfillLauncher.idle(c, "items", model, false, 0)).isFalse();
            assertThat(BackfillLauncher.idle(c, "items", "another-model", false, 0)).isTrue();
            assertThat(BackfillLauncher.idle(c, "items", model, true, 0)).isTrue();
            assertThat(BackfillLauncher.idle(c, "other", model, false, 0)).isTrue();
        }

        // and a run with nothing to embed still restarts the unfinished instance, the way it always did
        CliRun restart = CliRun.run("backfill", "--project", project.toString(), "--db-url", db.uri());
        assertThat(restart.exitCode()).as(restart.err()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM preflight.batch_job_instance")).as("restarted, not replaced").isEqualTo(instances);
        assertThat(db.queryLong("SELECT count(*) FROM preflight.batch_job_execution")).isEqualTo(executions + 1);
        assertThat(db.queryString("SELECT status FROM preflight.batch_job_execution ORDER BY job_execution_id DESC LIMIT 1"))
                .isEqualTo("COMPLETED");

        // and once it is finished, a run with nothing to embed launches nothing
        CliRun idle = CliRun.run("backfill", "--project", project.toString(), "--db-url", db.uri());
        assertThat(idle.exitCode()).as(idle.err()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM preflight.batch_job_execution")).isEqualTo(executions + 1);
        assertThat(embeddings(project).get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void rateLimit429sWithRetryAfterAreObeyedAndAllRowsLand(TestDatabase db, @TempDir Path tmp) throws Exception {
        try (MockOpenAiServer mock = new MockOpenAiServer(8).every429(3, 1)) {
            // given a provider that answers every third request with 429 and Retry-After: 1
            Path project = ItemsProject.create(tmp, 8, ItemsProject.openAi(mock.baseUrl(), "maxInputsPerRequest: 25\nmaxConcurrentRequests: 1"));
            ItemsProject.migrateAndFill(project, db, 300);

            // when
            CliRun run = CliRun.run(Map.of("MOCK_KEY", "sk-test"), "backfill", "--project", project.toString(), "--db-url", db.uri());

            // then all rows land, and no request followed a 429 sooner than Retry-After said
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NULL")).isZero();
            assertThat(mock.rejected429()).isGreaterThanOrEqualTo(3);
            List<long[]> log = mock.requestLog();
            for (int i = 0; i + 1 < log.size(); i++) {
                if (log.get(i)[1] == 429) {
                    assertThat((log.get(i + 1)[0] - log.get(i)[0]) / 1e6).as("ms after a 429").isGreaterThanOrEqualTo(990);
                }
            }
            assertThat(mock.callsPerRow()).hasSize(300).allSatisfy((id, calls) -> assertThat(calls).isEqualTo(1));
        }
    }

    @Test
    void malformedResponseOrWrongDimensionWritesNothingOfThatChunk(TestDatabase db, @TempDir Path tmp) throws Exception {
        try (MockOpenAiServer mock = new MockOpenAiServer(8).malformedWhenInputContains("row-57:")
                .wrongDimensionsWhenInputContains("row-130:")) {
            // given chunks of 50 rows; rows 51-100 get a malformed answer, rows 101-150 vectors of 9 dimensions
            Path project = ItemsProject.create(tmp, 8, ItemsProject.openAi(mock.baseUrl(), "maxInputsPerRequest: 100"));
            ItemsProject.migrateAndFill(project, db, 200);

            // when
            CliRun run = CliRun.run(Map.of("MOCK_KEY", "sk-test"), "backfill", "--project", project.toString(), "--db-url", db.uri());

            // then those two chunks are not written at all, the others are, and the report says which and why
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(db.queryStrings("SELECT id::text FROM items WHERE embedding IS NULL ORDER BY items.id"))
                    .hasSize(100).first().isEqualTo("51");
            assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NULL AND (id BETWEEN 51 AND 150)")).isEqualTo(100);
            assertThat(db.queryLong("SELECT count(*) FROM preflight.embedding_state WHERE row_id::bigint BETWEEN 51 AND 150")).isZero();
            JsonNode t = embeddings(project);
            assertThat(t.get("failed").asLong()).isEqualTo(100);
            assertThat(t.get("embedded").asLong()).isEqualTo(100);
            assertThat(t.get("issues").findValuesAsString("reason")).anyMatch(r -> r.contains("malformed"))
                    .anyMatch(r -> r.contains("wrong dimension") && r.contains("expected 8, got 9"));
            assertThat(status(project, "EMB003")).isEqualTo("FAILED");
            assertThat(status(project, "EMB001")).isEqualTo("PASSED"); // every NULL is explained

            // when the provider is fixed, then a re-run embeds exactly the failed rows
            mock.malformedWhenInputContains(null).wrongDimensionsWhenInputContains(null).resetCounts();
            CliRun again = CliRun.run(Map.of("MOCK_KEY", "sk-test"), "backfill", "--project", project.toString(), "--db-url", db.uri());
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(mock.callsPerRow()).hasSize(100).containsKeys("51", "150").doesNotContainKeys("50", "151");
            assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NULL")).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM preflight.embedding_issues")).isZero();
        }
    }

    @Test
    void changingARowsTextOrClearingItsVectorReembedsOnlyThatRow(TestDatabase db, @TempDir Path tmp) throws Exception {
        try (MockOpenAiServer mock = new MockOpenAiServer(8)) {
            Path project = ItemsProject.create(tmp, 8, ItemsProject.openAi(mock.baseUrl(), ""));
            ItemsProject.migrateAndFill(project, db, 120);
            assertThat(CliRun.run(Map.of("MOCK_KEY", "k"), "backfill", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
            String before = db.queryString("SELECT embedding::text FROM items WHERE id = 42");
            String other = db.queryString("SELECT embedding::text FROM items WHERE id = 43");
            mock.resetCounts();

            // when one row's text changes, and the application clears another row's vector (its record stays)
            db.execute("UPDATE items SET body = 'row-42: a completely different text' WHERE id = 42",
                    "UPDATE items SET embedding = NULL WHERE id = 44");
            CliRun run = CliRun.run(Map.of("MOCK_KEY", "k"), "backfill", "--project", project.toString(), "--db-url", db.uri());

            // then only those rows are embedded again, the changed one counted as refreshed, the cleared one's record replaced
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(mock.callsPerRow()).containsOnlyKeys("42", "44");
            assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NULL")).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM preflight.embedding_state WHERE row_id = '44'")).isEqualTo(1);
            assertThat(db.queryString("SELECT embedding::text FROM items WHERE id = 42")).isNotEqualTo(before);
            assertThat(db.queryString("SELECT embedding::text FROM items WHERE id = 43")).isEqualTo(other);
            assertThat(embeddings(project).get("refreshed").asLong()).isEqualTo(1);

            // and --reembed embeds every row again
            mock.resetCounts();
            assertThat(CliRun.run(Map.of("MOCK_KEY", "k"), "backfill", "--project", project.toString(), "--db-url", db.uri(), "--reembed")
                    .exitCode()).isZero();
            assertThat(mock.callsPerRow()).hasSize(120);
        }
    }

    @Test
    void dimensionMismatchIsAClearErrorBeforeAnyWork(TestDatabase db, @TempDir Path tmp) throws Exception {
        try (MockOpenAiServer mock = new MockOpenAiServer(16)) {
            // given a column of vector(8) and a provider configured for 16 dimensions
            Path project = ItemsProject.create(tmp, 8, ItemsProject.openAi(mock.baseUrl(), "dimensions: 16"));
            ItemsProject.migrateAndFill(project, db, 10);

            // when
            CliRun run = CliRun.run(Map.of("MOCK_KEY", "k"), "backfill", "--project", project.toString(), "--db-url", db.uri());

            // then nothing was embedded and the error names both dimensions
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("vector(8)").contains("gives 16 dimensions").contains("mock-embed");
            assertThat(mock.callsPerRow()).isEmpty();
            assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NOT NULL")).isZero();
            assertThat(status(project, "EMB005")).isEqualTo("FAILED");
        }
    }

    @Test
    void skippedRowsAreRecordedWithIdsAndReasonsAndDryRunChangesNothing(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = ItemsProject.create(tmp, 8, "provider: deterministic\n");
        ItemsProject.migrateAndFill(project, db, 10);
        db.execute("UPDATE items SET body = '' WHERE id = 3", "UPDATE items SET body = NULL WHERE id = 4",
                "UPDATE items SET body = repeat('long ', 10000) WHERE id = 5");

        CliRun dry = CliRun.run("backfill", "--project", project.toString(), "--db-url", db.uri(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isNotEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NOT NULL")).isZero();
        assertThat(embeddings(project).get("pending").asLong()).isEqualTo(10);
        assertThat(embeddings(project).get("status").asString()).isEqualTo("DRY_RUN");
        // nor does it leave Preflight's side tables behind, which it read in a transaction it rolled back
        assertThat(db.queryStrings("SELECT coalesce(to_regclass('preflight.embedding_state')::text, 'none') || ' ' "
                + "|| coalesce(to_regclass('preflight.embedding_issues')::text, 'none')")).containsExactly("none none");

        CliRun run = CliRun.run("backfill", "--project", project.toString(), "--db-url", db.uri());

        assertThat(db.queryStrings("SELECT id::text FROM items WHERE embedding IS NULL ORDER BY items.id")).containsExactly("3", "4", "5");
        assertThat(db.queryStrings("SELECT row_id || ' ' || reason FROM preflight.embedding_issues ORDER BY row_id"))
                .containsExactly("3 empty text", "4 empty text", "5 text too long: ~12500 tokens estimated, the model's limit is 8191");
        // the first backfill's page read records its rows; a skipped row's record is taken back, as it gets no vector
        assertThat(db.queryStrings("SELECT row_id FROM preflight.embedding_state ORDER BY row_id::int"))
                .containsExactly("1", "2", "6", "7", "8", "9", "10");
        assertThat(status(project, "EMB002")).isEqualTo("FAILED");
        assertThat(status(project, "EMB001")).isEqualTo("PASSED");
        assertThat(embeddings(project).get("skipped").asLong()).isEqualTo(3);
        assertThat(run.exitCode()).isZero(); // skips are a warning (EMB002 medium), not a blocker

        // when rows come later, one of them blank, and the next run reads through the side table (the target has records now)
        db.execute("INSERT INTO items (id, body) VALUES (11, 'row-11: added later'), (12, '   ')");
        CliRun later = CliRun.run("backfill", "--project", project.toString(), "--db-url", db.uri());

        // then its page read recorded the new row with the md5 of the text embedded, and no skipped row, old or new, keeps a record
        assertThat(later.exitCode()).as(later.err()).isZero();
        assertThat(db.queryStrings("SELECT id::text FROM items WHERE embedding IS NULL ORDER BY items.id")).containsExactly("3", "4", "5", "12");
        assertThat(db.queryStrings("SELECT s.row_id FROM preflight.embedding_state s JOIN items i ON s.row_id = i.id::text "
                + "WHERE s.content_hash = md5(i.body) ORDER BY s.row_id::int")).containsExactly("1", "2", "6", "7", "8", "9", "10", "11");
        assertThat(db.queryLong("SELECT count(*) FROM preflight.embedding_state")).isEqualTo(8);
        assertThat(embeddings(project).get("embedded").asLong()).isEqualTo(1);
    }
}
