package dev.preflight.job.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.migration.NativeTools;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lint on a pg_dump baseline, the way teams adopt a database: the dump's first line is a psql meta-command (since
 * PostgreSQL 15.14 pg_dump writes {@code \restrict KEY}), and it empties the session's search_path for what follows.
 * Each test runs the project's own tool on the same files, so lint is held to what the deploy would do.
 *
 * <p>Mutations these tests kill: a measured failure of a statement lint could not parse left as a low LINT020; the
 * search_path not put back between Flyway migrations in lint's replay (a false high LINT021 on the next file, where
 * Flyway applies it), or put back for dbmate too (which runs on as the file before left the session, and fails).
 */
@ExtendWith(PostgresExtension.class)
class LintPgDumpIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASELINE = "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.docs (id int PRIMARY KEY);\n";
    private static final String NEXT = "ALTER TABLE docs ADD COLUMN note text;\n";

    @Test
    void thePsqlMetaCommandPgDumpWritesIsABrokenStatementAsFlywayFindsIt(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given
        Path project = Files.createDirectories(tmp.resolve("app/migrations")).getParent();
        Files.writeString(project.resolve("migrations/V1__baseline.sql"), "--\n-- PostgreSQL database dump\n--\n\n"
                + "\\restrict Zq3kXnB7Ue\n\nSET statement_timeout = 0;\n" + BASELINE + "\n\\unrestrict Zq3kXnB7Ue\n");

        // when
        CliRun lint = CliRun.run("lint", "--project", project.toString(), "--db-url", db.uri());
        List<JsonNode> findings = findings(project);
        CliRun migrate = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());

        // then lint stops where Flyway stops, high, and says what to delete
        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isEqualTo(1);
        JsonNode broken = at(findings, "LINT021", 5);
        assertThat(broken.get("severity").asString()).isEqualTo("high");
        assertThat(broken.get("remedy").asString()).startsWith("delete the line: it is a psql meta-command");
        assertThat(findings).noneMatch(f -> f.get("id").asString().equals("LINT020") && f.get("line").asInt() == 5);
        assertThat(migrate.exitCode()).isNotZero();
        assertThat(findings(project)).filteredOn(f -> f.get("id").asString().equals("MIG002")).singleElement()
                .satisfies(f -> assertThat(f.get("message").asString()).contains("V1__baseline.sql failed at line 5").contains("syntax error"));
    }

    @Test
    void flywayPutsTheSearchPathBackAfterEachMigrationAndLintDoesToo(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given
        Path project = Files.createDirectories(tmp.resolve("app/migrations")).getParent();
        Files.writeString(project.resolve("migrations/V1__baseline.sql"), BASELINE);
        Files.writeString(project.resolve("migrations/V2__note.sql"), NEXT);

        // when
        CliRun.run("lint", "--project", project.toString(), "--db-url", db.uri());
        List<JsonNode> findings = findings(project);
        CliRun migrate = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());

        // then Flyway applies V2's unqualified name, and lint does not call it broken
        assertThat(findings).noneMatch(f -> f.get("id").asString().equals("LINT021"));
        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isIn(0, 1);
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'docs' AND column_name = 'note'")).isEqualTo(1);
    }

    @Test
    void dbmateRunsOnWithTheEmptiedSearchPathAndLintSaysItFails(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the same two migrations as dbmate files
        Path project = tmp.resolve("app");
        Path folder = Files.createDirectories(project.resolve("db/migrations"));
        Files.writeString(folder.resolve("20250101000000_baseline.sql"), "-- migrate:up\n" + BASELINE + "-- migrate:down\n");
        Files.writeString(folder.resolve("20250102000000_note.sql"), "-- migrate:up\n" + NEXT + "-- migrate:down\n");

        // when
        CliRun.run("lint", "--project", project.toString(), "--db-url", db.uri());
        List<JsonNode> findings = findings(project);
        NativeTools.Run dbmate = NativeTools.dbmate(db.uri(), folder, "up");

        // then
        assertThat(dbmate.exitCode()).as(dbmate.output()).isNotZero();
        assertThat(dbmate.output()).contains("Applied: 20250101000000_baseline.sql").contains("relation \"docs\" does not exist");
        JsonNode broken = findings.stream().filter(f -> f.get("id").asString().equals("LINT021")).findFirst().orElseThrow(() ->
                new AssertionError("no LINT021 among " + findings));
        assertThat(broken.get("file").asString()).isEqualTo("db/migrations/20250102000000_note.sql");
        assertThat(broken.get("severity").asString()).isEqualTo("high");
    }

    private static List<JsonNode> findings(Path project) throws Exception {
        return JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json"))).get("findings").valueStream().toList();
    }

    private static JsonNode at(List<JsonNode> findings, String id, int line) {
        return findings.stream().filter(f -> f.get("id").asString().equals(id) && f.path("line").asInt() == line).findFirst()
                .orElseThrow(() -> new AssertionError(id + " at line " + line + " not among " + findings));
    }
}
