package dev.preflight.job.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationExecutor;
import dev.preflight.migration.MigrationLayouts;
import dev.preflight.migration.MigrationSource;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lint on adopted layouts (Drizzle, Prisma): findings name the native file and line, "pending" is
 * what the native history table says, {@code --since} narrows the analysis, and a file the native
 * tool would run inside one transaction is flagged when it holds {@code CREATE INDEX CONCURRENTLY}.
 *
 * <p>Mutations these tests kill: lint reading Flyway's history (or none) instead of the layout's,
 * so applied migrations are linted again; file names absolute or without the layout's folder;
 * measurements keyed so that they miss a layout's findings;
 * {@code --since} ignored; LINT003 blind to drizzle-orm running every pending migration in one
 * transaction (a lone {@code CREATE INDEX CONCURRENTLY} is not enough to be safe there).
 */
@ExtendWith(PostgresExtension.class)
class LintLayoutsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void drizzleIsLintedWithItsOwnFilesLinesAndHistory(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the Drizzle fixture with its first three journal entries applied and recorded the way drizzle-orm records them
        Path project = copy("drizzle", tmp);
        applyFirst(project, 3, db);

        // when
        CliRun run = CliRun.run("lint", "--project", project.toString(), "--db-url", db.uri());

        // then only the two pending entries are analysed, each hazard at its Drizzle file and line, measured on the shadow
        // database after a replay of the three applied ones
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1); // LINT003 is high
        JsonNode lint = report(project).get("lint");
        assertThat(lint.get("scope").asString()).isEqualTo("pending migrations");
        assertThat(lint.get("migrations").asInt()).isEqualTo(2);
        List<JsonNode> hazards = lint.get("hazards").valueStream().toList();
        assertThat(hazards).extracting(h -> h.get("file").asString())
                .as("0002_document_status.sql (ADD COLUMN on an existing table, LINT013) is applied: not linted")
                .containsOnly("drizzle/0003_chunks_hnsw.sql", "drizzle/0004_chunks_document_index.sql");
        JsonNode hnsw = at(hazards, "LINT001", "drizzle/0003_chunks_hnsw.sql", 1);
        assertThat(hnsw.get("statement").asString()).contains("chunks_embedding_hnsw");
        assertThat(lint.get("measured").asBoolean()).as(lint.get("measuredNote").asString()).isTrue();
        assertThat(hnsw.get("measured").asString()).startsWith("SHARE on chunks").contains("1000 rows");
        // drizzle-orm runs all pending migrations in one transaction: the lone CONCURRENTLY of 0004 fails there
        JsonNode concurrently = at(hazards, "LINT003", "drizzle/0004_chunks_document_index.sql", 2);
        assertThat(concurrently.get("severity").asString()).isEqualTo("high");
        assertThat(concurrently.get("message").asString()).contains("drizzle-orm").contains("one transaction");
        assertThat(report(project).get("findings").valueStream().filter(f -> f.get("id").asString().equals("LINT003")).toList())
                .singleElement().satisfies(f -> {
                    assertThat(f.get("file").asString()).isEqualTo("drizzle/0004_chunks_document_index.sql");
                    assertThat(f.get("line").asInt()).isEqualTo(2);
                });
    }

    @Test
    void prismaAloneConcurrentlyIsSafeAndSinceNarrowsTheAnalysis(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the Prisma fixture on an empty database: all five migrations are pending
        Path project = copy("prisma", tmp);

        // when
        CliRun pending = CliRun.run("lint", "--project", project.toString(), "--db-url", db.uri(), "--static-only");
        JsonNode all = report(project).get("lint");
        CliRun since = CliRun.run("lint", "--since", "20240103000000_document_status", "--project", project.toString(), "--db-url", db.uri(),
                "--static-only");
        JsonNode narrowed = report(project).get("lint");

        // then without --since every migration is analysed, 20240103's ADD COLUMN on an existing table among them
        assertThat(pending.exitCode()).as(pending.out() + pending.err()).isIn(0, 1);
        assertThat(all.get("migrations").asInt()).isEqualTo(5);
        List<JsonNode> hazards = all.get("hazards").valueStream().toList();
        assertThat(at(hazards, "LINT013", "prisma/migrations/20240103000000_document_status/migration.sql", 5)).isNotNull();
        assertThat(at(hazards, "LINT001", "prisma/migrations/20240104000000_chunks_hnsw/migration.sql", 2)).isNotNull();
        // Prisma sends a migration.sql as one query: a statement alone in its file runs outside a transaction block
        assertThat(hazards).noneMatch(h -> h.get("rule").asString().equals("LINT003"));
        // and with --since only the two after 20240103000000_document_status
        assertThat(since.exitCode()).as(since.out() + since.err()).isIn(0, 1);
        assertThat(narrowed.get("scope").asString()).isEqualTo("migrations after 20240103000000_document_status");
        assertThat(narrowed.get("migrations").asInt()).isEqualTo(2);
        assertThat(narrowed.get("hazards").valueStream().map(h -> h.get("file").asString()).distinct().toList())
                .containsExactly("prisma/migrations/20240104000000_chunks_hnsw/migration.sql");
    }

    /** Applies the first {@code n} migrations with the layout's own history rows, as the native tool leaves them. */
    private static void applyFirst(Path project, int n, TestDatabase db) throws Exception {
        MigrationSource source = MigrationLayouts.detect(project, null, null, "public", null, Map.of()).source();
        MigrationExecutor executor = new MigrationExecutor(Duration.ofSeconds(10), Duration.ofMinutes(2));
        try (Connection c = db.connect()) {
            source.createHistoryTable(c);
            for (Migration m : source.migrations().subList(0, n)) {
                assertThat(executor.apply(c, m.statements(), null).success()).as(m.id()).isTrue();
                source.recordApplied(c, m, Instant.now(), 1);
            }
        }
    }

    private static Path copy(String layout, Path tmp) {
        Path project = tmp.resolve(layout);
        Projects.copyTree(Projects.repositoryRoot().resolve("src/test/resources/projects").resolve(layout), project);
        return project;
    }

    private static JsonNode report(Path project) throws Exception {
        return JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
    }

    private static JsonNode at(List<JsonNode> hazards, String rule, String file, int line) {
        return hazards.stream().filter(h -> h.get("rule").asString().equals(rule) && h.get("file").asString().equals(file)
                && h.get("line").asInt() == line).findFirst().orElseThrow(() -> new AssertionError(rule + " at " + file + ":" + line
                + " not among " + hazards.stream().map(h -> h.get("rule").asString() + "@" + h.get("file").asString() + ":"
                + h.get("line").asInt()).toList()));
    }
}
