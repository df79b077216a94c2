package dev.preflight.migration;

import static dev.preflight.migration.LayoutProjects.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue #11 scope 5 for the commands that write or verify: backfill, seed and verify's smoke, git
 * and CI parts run on a database built by hand, from a project folder that has a
 * {@code jobs/} folder and no migrations; the migration checks say NOT_RUN with the reason.
 */
@ExtendWith(PostgresExtension.class)
class NoMigrationsIntegrationTests {

    private static final PersonIdent WHO = new PersonIdent("Test", "test@example.com");

    /** A database built by hand: the table the jobs below work on, no history table of any tool. */
    private static void handBuilt(TestDatabase db) {
        db.execute("CREATE EXTENSION vector", "CREATE TABLE items (id bigint PRIMARY KEY, body text NOT NULL, embedding vector(8))");
    }

    private static JsonNode outcome(JsonNode report, String id) {
        return report.get("checklist").valueStream().filter(c -> c.get("id").asString().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in the checklist"));
    }

    /** The migration checks were not run, and say that there are no migrations. */
    private static void migrationChecksNotRun(JsonNode report) {
        for (String id : List.of("MIG001", "MIG004")) {
            assertThat(outcome(report, id).get("status").asString()).as(id).isEqualTo("NOT_RUN");
            assertThat(outcome(report, id).toString()).as(id).contains("no migrations found");
        }
    }

    @Test
    void backfillEmbedsATargetOfADatabaseWithNoMigrations(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a hand-built table with 300 rows and a project with only jobs/preflight.yaml declaring it as a target
        handBuilt(db);
        db.execute("INSERT INTO items (id, body) SELECT g, 'row-' || g || ' text' FROM generate_series(1, 300) g");
        Path project = tmp.resolve("app");
        Files.createDirectories(project.resolve("jobs"));
        Files.writeString(project.resolve("jobs/preflight.yaml"), "embeddings:\n  provider: deterministic\n  chunkSize: 100\n"
                + "  targets:\n    items: {table: items, id: id, text: body, vector: embedding}\n");

        // when
        CliRun backfill = CliRun.run("backfill", "--project", project.toString(), "--db-url", db.uri());

        // then every row is embedded, and the report says the migrations were not checked
        assertThat(backfill.exitCode()).as(backfill.err()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NULL")).isZero();
        JsonNode report = report(project);
        assertThat(report.get("embeddings").get("targets").get(0).get("embedded").asLong()).isEqualTo(300);
        assertThat(outcome(report, "EMB001").get("status").asString()).isEqualTo("PASSED");
        migrationChecksNotRun(report);
    }

    @Test
    void seedLoadsIntoADatabaseWithNoMigrations(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a hand-built table and a project with only jobs/seed/
        handBuilt(db);
        Path project = tmp.resolve("app");
        Files.createDirectories(project.resolve("jobs/seed"));
        Files.writeString(project.resolve("jobs/seed/10-items.yaml"), "items:\n  - id: 1\n    body: first\n  - id: 2\n    body: second\n");

        // when seeded twice
        CliRun seed = CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri());
        CliRun again = CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri());

        // then the rows are there once, the SEED checks pass, and the migration checks say why they did not run
        assertThat(seed.exitCode()).as(seed.err()).isZero();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(db.queryStrings("SELECT id || ' ' || body FROM items ORDER BY id")).containsExactly("1 first", "2 second");
        JsonNode report = report(project);
        assertThat(report.get("seed").get("status").asString()).isEqualTo("APPLIED");
        assertThat(report.get("seed").get("unchanged").asLong()).isEqualTo(2);
        assertThat(outcome(report, "SEED001").get("status").asString()).isEqualTo("PASSED");
        assertThat(outcome(report, "SEED002").get("status").asString()).isEqualTo("PASSED");
        migrationChecksNotRun(report);
    }

    @Test
    void verifyRunsSmokeGitAndCiOnADatabaseWithNoMigrations(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a hand-built database and a committed project with a smoke check and a CI workflow, and no migrations
        handBuilt(db);
        db.execute("INSERT INTO items (id, body) VALUES (1, 'one')");
        Path project = tmp.resolve("app");
        Files.createDirectories(project.resolve("jobs/checks"));
        Files.createDirectories(project.resolve(".github/workflows"));
        Files.writeString(project.resolve("jobs/checks/app.yaml"), "checks:\n  - id: SMOKE101\n    title: items has rows\n"
                + "    severity: high\n    sql: SELECT 1 FROM items\n    expect:\n      rows: \">= 1\"\n");
        Files.writeString(project.resolve(".github/workflows/db.yml"), "on: push\njobs:\n  gate:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - run: ./preflight gate\n");
        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
            Files.writeString(project.resolve(".gitignore"), "reports/\n.preflight/\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("app").setAuthor(WHO).setCommitter(WHO).call();
        }

        // when
        CliRun verify = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());

        // then a report, never a usage error: smoke, git and CI ran; drift and the migration checks say why they did not
        assertThat(verify.exitCode()).as(verify.err()).isIn(0, 1);
        JsonNode report = report(project);
        assertThat(outcome(report, "SMOKE101").get("status").asString()).isEqualTo("PASSED");
        assertThat(report.get("verify").get("smoke").get(0).get("id").asString()).isEqualTo("SMOKE101");
        for (String id : List.of("GIT002", "GIT003", "GIT004", "CI001")) {
            assertThat(outcome(report, id).get("status").asString()).as(id).isEqualTo("PASSED");
        }
        assertThat(report.get("verify").get("git").get("branch").asString()).isEqualTo("main");
        assertThat(report.get("verify").get("ci").get("workflows").toString()).contains("db.yml");
        for (String id : List.of("DRIFT010", "DRIFT001", "GIT001")) {
            assertThat(outcome(report, id).get("status").asString()).as(id).isEqualTo("NOT_RUN");
            assertThat(outcome(report, id).toString()).as(id).contains("no migrations found");
        }
        migrationChecksNotRun(report);
    }
}
