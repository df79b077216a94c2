package dev.preflight.migration;

import static dev.preflight.migration.LayoutProjects.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Adopting what exists: a live database with no project folder, and a hand-built database adopted with baseline. */
@ExtendWith(PostgresExtension.class)
class AdoptionIntegrationTests {

    @Test
    void reportStatusAndRetuneRunOnADatabaseWithNoProjectFolder(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a live pgvector database and no project folder (no migrations, no jobs)
        db.execute("CREATE EXTENSION vector", "CREATE TABLE items (id serial PRIMARY KEY, embedding vector(3))",
                "INSERT INTO items (embedding) SELECT ARRAY[random(), random(), random()]::vector FROM generate_series(1, 50)",
                "CREATE INDEX items_embedding_hnsw ON items USING hnsw (embedding vector_l2_ops)");
        Path empty = tmp.resolve("nothing-here"); // not even created: no project folder at all

        // when
        CliRun status = CliRun.run("status", "--project", empty.toString(), "--db-url", db.uri());
        CliRun retune = CliRun.run("retune", "--dry-run", "--project", empty.toString(), "--db-url", db.uri());
        CliRun report = CliRun.run("report", "--project", empty.toString(), "--db-url", db.uri());

        // then: a report, never a usage error; the migration checks say why they did not run
        assertThat(report.exitCode()).as(report.err()).isIn(0, 1);
        var json = report(empty);
        assertThat(json.get("checklist").valueStream().filter(c -> c.get("id").asString().equals("MIG001")).findFirst().orElseThrow()
                .get("status").asString()).isEqualTo("NOT_RUN");
        assertThat(json.get("database").get("counts").get("tables").asInt()).isEqualTo(1);
        assertThat(status.exitCode()).as(status.err()).isIn(0, 1);
        assertThat(status.out()).contains("migrations not checked").contains("1 tables");
        assertThat(retune.exitCode()).as(retune.err()).isIn(0, 1);
        // but migrate needs migrations: a usage error naming what was looked for
        CliRun migrate = CliRun.run("migrate", "--project", empty.toString(), "--db-url", db.uri());
        assertThat(migrate.exitCode()).isEqualTo(2);
        assertThat(migrate.err()).contains("prisma/migrations").contains("_journal.json");
    }

    @Test
    void baselineAdoptsAHandBuiltDatabaseAfterADriftCheckThenGateAppliesOnlyWhatIsNew(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a database built by hand with what the first four Prisma migrations create
        Path project = LayoutProjects.copy("prisma", tmp);
        Path migrations = project.resolve("prisma/migrations");
        for (String name : new String[] {"20240101000000_init", "20240102000000_chunks", "20240103000000_document_status", "20240104000000_chunks_hnsw"}) {
            for (String statement : Files.readString(migrations.resolve(name).resolve("migration.sql")).split(";")) {
                if (!statement.replaceAll("(?m)^--.*$", "").isBlank()) {
                    db.execute(statement);
                }
            }
        }
        CliRun before = CliRun.run("status", "--project", project.toString(), "--db-url", db.uri());
        assertThat(before.out()).contains("not managed by these migrations");

        // when a baseline is asked for past what the database has: refused, nothing recorded
        CliRun tooFar = CliRun.run("baseline", "--project", project.toString(), "--db-url", db.uri());
        assertThat(tooFar.exitCode()).isEqualTo(1);
        assertThat(tooFar.err()).contains("baseline refused").contains("chunks_documentId_idx");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = '_prisma_migrations'")).isZero();

        // when baselined at the version it really is at
        CliRun baseline = CliRun.run("baseline", "--to", "20240104000000_chunks_hnsw", "--project", project.toString(), "--db-url", db.uri());

        // then four Prisma rows, and gate applies only the fifth
        assertThat(baseline.out()).as(baseline.err()).contains("recorded 4 migration(s)");
        assertThat(db.queryLong("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL")).isEqualTo(4);
        CliRun gate = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(gate.exitCode()).as(gate.err()).isZero();
        var report = report(project);
        assertThat(report.get("migrationStatus").get("appliedInThisRun").asInt()).isEqualTo(1);
        assertThat(report.get("migrationStatus").get("after").get("state").asString()).isEqualTo("UP_TO_DATE");
    }

    /**
     * The other five layouts (Prisma's case is above): a database built by hand with the first four
     * migrations' statements (no history table) is adopted with baseline, then gate applies the
     * fifth alone, and the native tool agrees afterwards (Flyway, drizzle-orm, Postgrator and dbmate
     * run for real; golang-migrate's one row is checked against its documented format).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"flyway, migrations, 4, 5", "drizzle, drizzle, 0003_chunks_hnsw, 0004_chunks_document_index", "postgrator, migrations, 4, 5",
            "golang-migrate, db/migrations, 4, 5", "dbmate, db/migrations, 20250104120000, 20250105120000"})
    void baselineAdoptsAHandBuiltDatabaseThenGateAppliesOnlyWhatIsNew(String layout, String folderName, String fourth, String fifth,
                                                                      TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a database built by hand with what the first four migrations create
        Path project = LayoutProjects.copy(layout, tmp);
        Path folder = project.resolve(folderName);
        MigrationSource source = MigrationLayouts.detect(project, null, null, "public", null, Map.of()).source();
        assertThat(source.layout()).isEqualTo(layout);
        MigrationExecutor executor = new MigrationExecutor(Duration.ofSeconds(10), Duration.ofMinutes(2));
        try (Connection c = db.connect()) {
            for (Migration m : source.migrations().subList(0, 4)) {
                assertThat(executor.apply(c, m.statements(), null).success()).as(m.file().toString()).isTrue();
            }
        }
        assertThat(CliRun.run("status", "--project", project.toString(), "--db-url", db.uri()).out()).contains("not managed by these migrations");

        // when
        CliRun baseline = CliRun.run("baseline", "--to", fourth, "--project", project.toString(), "--db-url", db.uri());
        CliRun gate = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        // then the first four are recorded natively, and the gate applies the fifth alone
        assertThat(baseline.out()).as(baseline.err()).contains("recorded 4 migration(s)");
        assertThat(gate.exitCode()).as(gate.err()).isZero();
        var report = report(project);
        assertThat(report.get("migrations").valueStream().filter(m -> m.get("appliedInThisRun").asBoolean())
                .map(m -> m.get("version").asString()).toList()).containsExactly(fifth);
        assertThat(report.get("migrationStatus").get("after").get("state").asString()).isEqualTo("UP_TO_DATE");
        // and the native tool agrees
        switch (layout) {
            case "flyway" -> {
                assertThat(NativeTools.flyway(db, folder).info().pending()).isEmpty();
                assertThat(NativeTools.flyway(db, folder).validateWithResult().validationSuccessful).isTrue();
            }
            case "drizzle" -> assertThat(LayoutProjects.node("drizzle-migrate.mjs", db.uri(), folder.toString()).out())
                    .contains("{\"before\":5,\"after\":5}");
            case "postgrator" -> assertThat(NativeTools.postgrator(db.uri(), folder).output()).contains("{\"before\":5,\"after\":5,\"applied\":[]}");
            case "golang-migrate" -> assertThat(db.queryStrings("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("5 false");
            case "dbmate" -> assertThat(NativeTools.dbmate(db.uri(), folder, "status", "--exit-code").output()).contains("Applied: 5")
                    .contains("Pending: 0");
            default -> throw new AssertionError(layout);
        }
        if (source.preflightChecksums() != null) { // baseline and gate recorded Preflight's checksums of all five
            assertThat(db.queryLong("SELECT count(*) FROM preflight.applied_checksums")).isEqualTo(5);
        }
    }

    @Test
    void baselineRefusesADatabaseThatDiffersFromTheMigrations(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a hand-built database whose documents table lacks a column the first migration creates
        Path project = LayoutProjects.copy("prisma", tmp);
        db.execute("CREATE EXTENSION vector", "CREATE TABLE \"documents\" (\"id\" SERIAL NOT NULL, \"title\" TEXT NOT NULL, "
                + "CONSTRAINT \"documents_pkey\" PRIMARY KEY (\"id\"))");

        // when
        CliRun baseline = CliRun.run("baseline", "--to", "20240101000000_init", "--project", project.toString(), "--db-url", db.uri());

        // then the difference is named and nothing is recorded
        assertThat(baseline.exitCode()).isEqualTo(1);
        assertThat(baseline.err()).contains("baseline refused").contains("createdAt");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = '_prisma_migrations'")).isZero();
    }

    @Test
    void baselineReplaysFlywayMigrationsWithTheSearchPathFlywayPutsBack(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a pg_dump-style first migration that empties the session's search_path, a second that names its table
        // unqualified (Flyway applies both: it puts search_path back after each migration), and the database they build
        Path project = Files.createDirectories(tmp.resolve("app/migrations")).getParent();
        Files.writeString(project.resolve("migrations/V1__baseline.sql"),
                "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.docs (id int PRIMARY KEY);\n");
        Files.writeString(project.resolve("migrations/V2__note.sql"), "ALTER TABLE docs ADD COLUMN note text;\n");
        db.execute("CREATE TABLE public.docs (id int PRIMARY KEY, note text)");

        // when
        CliRun baseline = CliRun.run("baseline", "--to", "2", "--project", project.toString(), "--db-url", db.uri());

        // then the replay applies V2 as Flyway would, finds no drift, and both are recorded
        assertThat(baseline.exitCode()).as(baseline.out() + baseline.err()).isZero();
        assertThat(db.queryStrings("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")).containsExactly("1", "2");
    }
}
