package dev.preflight.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.JarRun;
import dev.preflight.testing.MockOpenAiServer;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's acceptance for secrets: every command runs (as the packaged jar, so every byte a user
 * sees is captured, log lines and stack traces included) with a database password and an API key
 * that the mock provider echoes back in a 401 body; then every file of the project (reports, the
 * GitHub step summary), the captured output and every text column of schema preflight (the job
 * repository and run history) are searched for both values, raw, percent- and form-encoded.
 */
@ExtendWith(PostgresExtension.class)
class SecretLeakIntegrationTests {

    /** Characters that percent-encoding changes, so the encoded forms differ from the raw ones. */
    private static final String PASSWORD = "Pw:leak/@x%y+z 9";
    private static final String API_KEY = "sk-proj-LeakTest+9/x=Q";

    private static List<String> forms(String secret) {
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return List.of(secret, form, form.replace("+", "%20"));
    }

    private static Path project(Path dir, String baseUrl) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("migrations/V1__items.sql"), "CREATE EXTENSION IF NOT EXISTS vector;\n"
                + "CREATE TABLE items (id bigint PRIMARY KEY, body text, embedding vector(8));\n");
        Files.writeString(dir.resolve("jobs/preflight.yaml"), "embeddings:\n  provider: openai\n  chunkSize: 10\n"
                + "  openai: {baseUrl: " + baseUrl + ", model: mock-embed, dimensions: 8, maxRetries: 1}\n"
                + "  targets:\n    items: {table: items, id: id, text: body, vector: embedding}\n");
        Files.writeString(dir.resolve("jobs/leak.yaml"), "description: a one-step plan\nsteps:\n  - job: report\n");
        return dir;
    }

    @Test
    void noCommandLeaksThePasswordOrTheApiKeyAnywhere(TestDatabase db, @TempDir Path dir) throws Exception {
        String role = "pf_leak_" + ProcessHandle.current().pid();
        db.execute("CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
        try (MockOpenAiServer mock = new MockOpenAiServer(8).echoAuthorizationIn401()) {
            Path project = project(dir, mock.baseUrl());
            Path summary = project.resolve("step-summary.md");
            String url = "postgresql://" + role + ":" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20") + "@"
                    + db.url().hosts() + "/" + db.url().database();
            String wrongUser = url.replace(role + ":", "nobody_" + role + ":");
            Map<String, String> env = Map.of("OPENAI_API_KEY", API_KEY, "GITHUB_STEP_SUMMARY", summary.toString(),
                    "GITHUB_ACTIONS", "true", "CI", "true", "HOME", dir.toString());
            String p = project.toString();

            Map<String, String[]> commands = new LinkedHashMap<>();
            commands.put("help", new String[] {"help"});
            commands.put("migrate", new String[] {"migrate", "--project", p, "--db-url", url, "--direct-url", url});
            commands.put("seed", new String[] {"seed", "--project", p, "--db-url", url});
            commands.put("fill", null);
            commands.put("backfill", new String[] {"backfill", "--project", p, "--db-url", url, "--run-id", "leak-backfill", "--debug"});
            commands.put("restart", new String[] {"restart", "leak-backfill", "--project", p, "--db-url", url});
            commands.put("retune", new String[] {"retune", "--dry-run", "--project", p, "--db-url", url});
            commands.put("verify", new String[] {"verify", "--project", p, "--db-url", url});
            commands.put("report", new String[] {"report", "--project", p, "--db-url", url});
            commands.put("status", new String[] {"status", "--project", p, "--db-url", url});
            commands.put("history", new String[] {"history", "--project", p, "--db-url", url});
            commands.put("run", new String[] {"run", "leak", "--project", p, "--db-url", url});
            commands.put("gate", new String[] {"gate", "--project", p, "--db-url", url});
            commands.put("schedule", new String[] {"schedule", "--duration", "2", "--project", p, "--db-url", url});
            commands.put("auth failure", new String[] {"report", "--project", p, "--db-url", wrongUser});

            List<String> outputs = new ArrayList<>();
            for (Map.Entry<String, String[]> c : commands.entrySet()) {
                if (c.getValue() == null) {
                    db.execute("INSERT INTO items (id, body) SELECT g, 'row-' || g FROM generate_series(1, 20) g");
                    continue;
                }
                JarRun run = JarRun.run(dir, env, c.getValue());
                assertThat(run.output()).as(c.getKey() + " ran").isNotBlank().doesNotContain("internal error");
                outputs.add("== " + c.getKey() + " (exit " + run.exitCode() + ")\n" + run.output());
            }
            String output = String.join("\n", outputs);

            // the hostile paths were exercised: the key went out, came back in a 401 body, and was masked
            assertThat(output).contains("HTTP 401").contains("Bearer ****");
            assertThat(db.queryLong("SELECT count(*) FROM preflight.batch_step_execution WHERE exit_message LIKE '%Bearer ****%'"))
                    .isPositive();

            List<String> places = new ArrayList<>();
            places.add("captured stdout and stderr\n" + output);
            try (Stream<Path> files = Files.walk(project)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    places.add(project.relativize(f) + "\n" + Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
            for (String column : db.queryStrings("SELECT format('%I.%I', table_name, column_name) FROM information_schema.columns "
                    + "WHERE table_schema = 'preflight' AND data_type IN ('text', 'character varying', 'character')")) {
                String[] tc = column.split("\\.");
                places.add("preflight." + column + "\n" + String.join("\n",
                        db.queryStrings("SELECT " + tc[1] + "::text FROM preflight." + tc[0] + " WHERE " + tc[1] + " IS NOT NULL")));
            }
            assertThat(places.size()).as("files and columns searched").isGreaterThan(20);
            for (String place : places) {
                for (String secret : List.of(PASSWORD, API_KEY)) {
                    for (String form : forms(secret)) {
                        assertThat(place).as(place.lines().findFirst().orElse("") + " holds " + form).doesNotContain(form);
                    }
                }
            }
        } finally {
            db.execute("DROP OWNED BY " + role + " CASCADE");
            db.execute("DROP ROLE IF EXISTS " + role);
        }
    }
}
