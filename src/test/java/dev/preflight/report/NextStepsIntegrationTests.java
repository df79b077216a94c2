package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report's "Next steps" plan on a broken example (a pending migration and a seed never loaded):
 * running the plan's Preflight commands in order reaches READY.
 */
@ExtendWith(PostgresExtension.class)
class NextStepsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** No CI variables: the CI checks see a developer's machine. */
    private static final Map<String, String> ENV = Map.of("HOME", System.getProperty("java.io.tmpdir"));

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static CliRun preflight(Path project, TestDatabase db, String command) {
        List<String> args = new ArrayList<>(Arrays.asList(command.replace("./preflight ", "").split(" ")));
        args.addAll(List.of("--project", project.toString(), "--db-url", db.uri()));
        return CliRun.run(ENV, args.toArray(String[]::new));
    }

    @Test
    void runningThePlansPreflightCommandsReachesReady(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given: a committed project whose database is one migration behind, with a seed not loaded yet
        Path project = tmp.resolve("notes");
        Files.createDirectories(project.resolve("migrations"));
        Files.createDirectories(project.resolve("jobs/seed"));
        Files.createDirectories(project.resolve(".github/workflows"));
        Files.writeString(project.resolve("migrations/V1__notes.sql"), "CREATE TABLE notes (id text PRIMARY KEY, body text NOT NULL);\n");
        Files.writeString(project.resolve("jobs/gate.yaml"), "steps:\n  - job: migrate\n  - job: seed\n  - job: verify\n");
        Files.writeString(project.resolve(".github/workflows/gate.yml"), """
                name: gate
                on: [push]
                jobs:
                  gate:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: ./preflight gate
                """);
        Files.writeString(project.resolve(".gitignore"), "reports/\n");
        assertThat(preflight(project, db, "migrate").exitCode()).isZero();
        Files.writeString(project.resolve("migrations/V2__tags.sql"), "ALTER TABLE notes ADD COLUMN tags text;\n");
        Files.writeString(project.resolve("jobs/seed/10-notes.yaml"), "notes:\n  - {id: n1, body: hello, tags: demo}\n");
        git(project, "init", "-q");
        git(project, "add", "-A");
        git(project, "commit", "-q", "-m", "notes");
        CliRun report = preflight(project, db, "report");
        assertThat(report.exitCode()).as(report.err()).isEqualTo(1);

        // when: the plan's Preflight commands run in order
        JsonNode plan = JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json"))).get("nextSteps");
        List<String> commands = new ArrayList<>();
        plan.get("steps").forEach(s -> commands.add(s.get("command").asString()));
        assertThat(commands).containsExactly("./preflight migrate", "./preflight gate");
        assertThat(plan.get("steps").get(0).get("clears").toString()).contains("MIG003");
        assertThat(Files.readString(project.resolve("reports/latest/readiness.md"))).contains("## Next steps, in order",
                "| 1 | `./preflight migrate` | MIG003 |");
        CliRun last = null;
        for (String c : commands) {
            last = preflight(project, db, c);
        }

        // then
        assertThat(last.exitCode()).as(last.out() + last.err()).isZero();
        JsonNode done = JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        assertThat(done.get("verdict").asString()).as(done.get("findings").toString()).isEqualTo("READY");
        assertThat(done.has("nextSteps")).isFalse();
        assertThat(db.queryLong("SELECT count(*) FROM notes WHERE tags = 'demo'")).isEqualTo(1);
    }
}
