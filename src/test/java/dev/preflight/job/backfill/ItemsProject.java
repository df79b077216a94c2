package dev.preflight.job.backfill;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small project for backfill tests: one table {@code items (id bigint, body text, embedding
 * vector(n))} and an {@code embeddings:} section given by the test. Row texts contain
 * {@code row-<id>} so the mock server can count calls per row.
 */
final class ItemsProject {

    private ItemsProject() {
    }

    static Path create(Path dir, int dims, String embeddingsYaml) throws IOException {
        Files.createDirectories(dir.resolve("migrations"));
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("migrations/V1__items.sql"), "CREATE EXTENSION IF NOT EXISTS vector;\n"
                + "CREATE TABLE items (id bigint PRIMARY KEY, body text, embedding vector(" + dims + "));\n");
        Files.writeString(dir.resolve("jobs/preflight.yaml"), "embeddings:\n" + embeddingsYaml.indent(2)
                + "  targets:\n    items:\n      table: items\n      text: body\n      vector: embedding\n");
        return dir;
    }

    /** Migrates and inserts rows 1..n with the text "row-&lt;id&gt;: ...". */
    static void migrateAndFill(Path project, TestDatabase db, int rows) {
        CliRun migrate = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());
        if (migrate.exitCode() != 0) {
            throw new IllegalStateException("migrate failed: " + migrate.err());
        }
        db.execute("INSERT INTO items (id, body) SELECT g, 'row-' || g || ': the quick brown fox number ' || g || ' jumps' "
                + "FROM generate_series(1, " + rows + ") g");
    }

    static String openAi(String baseUrl, String extra) {
        return "provider: openai\nchunkSize: 50\nopenai:\n  baseUrl: " + baseUrl + "\n  model: mock-embed\n  apiKeyEnv: MOCK_KEY\n"
                + extra.indent(2);
    }
}
