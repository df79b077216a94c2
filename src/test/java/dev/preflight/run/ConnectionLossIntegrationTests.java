package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.JarRun;
import dev.preflight.testing.MockOpenAiServer;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database drops Preflight's connections mid-backfill (pg_terminate_backend, as a server restart
 * does): the terminal gets one line naming the lost connection and the restart command, no stack
 * trace, and the restart completes the work (issue 13, case 7).
 */
@ExtendWith(PostgresExtension.class)
class ConnectionLossIntegrationTests {

    @Test
    void aTerminatedConnectionIsNamedInOneLineAndTheRunResumes(TestDatabase db, @TempDir Path dir) throws Exception {
        try (MockOpenAiServer mock = new MockOpenAiServer(8).delay(250)) {
            Files.createDirectories(dir.resolve("migrations"));
            Files.createDirectories(dir.resolve("jobs"));
            Files.writeString(dir.resolve("migrations/V1__items.sql"), "CREATE EXTENSION IF NOT EXISTS vector;\n"
                    + "CREATE TABLE items (id bigint PRIMARY KEY, body text, embedding vector(8));\n");
            Files.writeString(dir.resolve("jobs/preflight.yaml"), "embeddings:\n  provider: openai\n  chunkSize: 10\n"
                    + "  openai: {baseUrl: " + mock.baseUrl() + ", model: mock-embed, dimensions: 8, apiKeyEnv: MOCK_KEY,"
                    + " maxInputsPerRequest: 10, maxConcurrentRequests: 1}\n"
                    + "  targets:\n    items: {table: items, id: id, text: body, vector: embedding}\n");
            assertThat(JarRun.run(dir, Map.of(), "migrate", "--db-url", db.uri()).exitCode()).isIn(0, 1);
            db.execute("INSERT INTO items (id, body) SELECT g, 'row-' || g FROM generate_series(1, 400) g");

            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JarRun.jar().toString(),
                    "backfill", "--db-url", db.uri(), "--run-id", "lost-1");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("backfill.log").toFile());
            pb.environment().put("MOCK_KEY", "k");
            pb.environment().remove("DATABASE_URL");
            Process p = pb.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (db.queryLong("SELECT count(*) FROM items WHERE embedding IS NOT NULL") < 30) {
                assertThat(p.isAlive()).as("backfill running").isTrue();
                assertThat(System.nanoTime()).as("rows committed in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND application_name LIKE 'preflight/%' AND pid <> pg_backend_pid()");
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("backfill ended").isTrue();
            String out = Files.readString(dir.resolve("backfill.log"));

            assertThat(out).as(out).contains("the database connection was terminated (server restart or network)")
                    .contains("./preflight restart lost-1").doesNotContain("\tat ").doesNotContain("internal error");

            JarRun restart = JarRun.run(dir, Map.of("MOCK_KEY", "k"), "restart", "lost-1", "--db-url", db.uri());
            assertThat(restart.exitCode()).as(restart.output()).isIn(0, 1);
            assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NULL")).isZero();
        }
    }
}
