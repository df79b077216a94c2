package dev.preflight.migration;

import static dev.preflight.migration.LayoutProjects.finding;
import static dev.preflight.migration.LayoutProjects.report;
import static dev.preflight.migration.LayoutProjects.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Drizzle layout end to end (meta/_journal.json, --> statement-breakpoint,
 * drizzle.__drizzle_migrations), checked with drizzle-orm's own migrator (npm drizzle-orm 0.45.4
 * with pg, installed in .ci): after Preflight it applies nothing, and what it applied Preflight
 * reports as up to date.
 */
@ExtendWith(PostgresExtension.class)
class DrizzleLayoutIntegrationTests {

    private static final String TABLE = "drizzle.__drizzle_migrations";

    @Test
    void gateAppliesAllThenNothingAndDrizzleAgreesThenAnEditIsReportedAndANewEntryIsAppliedAlone(TestDatabase db, @TempDir Path tmp)
            throws Exception {
        // given the fixture project on an empty database
        Path project = LayoutProjects.copy("drizzle", tmp);
        Path folder = project.resolve("drizzle");

        // when
        CliRun first = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        // then every journal entry is applied, with Drizzle's rows: hash = sha256 of the file, created_at = the entry's when
        assertThat(first.exitCode()).as(first.err()).isZero();
        var report = report(project);
        assertThat(report.get("migrationStatus").get("after").get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(report.get("migrationStatus").get("appliedInThisRun").asInt()).isEqualTo(5);
        assertThat(db.queryStrings("SELECT created_at::text FROM " + TABLE + " ORDER BY id"))
                .containsExactly("1704067200000", "1704153600000", "1704240000000", "1704326400000", "1704412800000");
        assertThat(db.queryString("SELECT hash FROM " + TABLE + " WHERE created_at = 1704326400000"))
                .isEqualTo(sha256(folder.resolve("0003_chunks_hnsw.sql")));
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = 'chunks_document_id_idx'::regclass AND indisvalid")).isEqualTo(1);
        assertThat(report.get("database").get("counts").get("tables").asInt()).isEqualTo(2); // __drizzle_migrations is not counted

        // when drizzle-orm's own migrator runs next: it applies nothing and reports no error
        var drizzle = LayoutProjects.node("drizzle-migrate.mjs", db.uri(), folder.toString());
        assertThat(drizzle.exitCode()).as(drizzle.out()).isZero();
        assertThat(drizzle.out()).contains("{\"before\":5,\"after\":5}");

        // when run again: nothing to apply
        CliRun second = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(report(project).get("migrationStatus").get("appliedInThisRun").asInt()).isZero();

        // when an applied file is edited: reported with Drizzle's hash (drizzle-orm itself never compares it)
        Path hnsw = folder.resolve("0003_chunks_hnsw.sql");
        String applied = sha256(hnsw);
        Files.writeString(hnsw, Files.readString(hnsw) + "-- edited after it was applied\n");
        assertThat(CliRun.run("report", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isEqualTo(1);
        var mismatch = finding(report(project), "MIG004");
        assertThat(mismatch.get("message").asString()).contains("0003_chunks_hnsw");
        assertThat(mismatch.get("expected").asString()).contains(applied);
        assertThat(mismatch.get("actual").asString()).contains(sha256(hnsw));

        // when a .sql file is added that the journal does not list: reported, never applied
        Files.writeString(folder.resolve("0005_stray.sql"), "CREATE TABLE stray (id int);\n");
        Files.writeString(hnsw, Files.readString(hnsw).replace("-- edited after it was applied\n", ""));
        CliRun stray = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(stray.exitCode()).isEqualTo(1);
        assertThat(finding(report(project), "MIG006").get("message").asString()).contains("0005_stray.sql").contains("_journal.json");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'stray'")).isZero();
        Files.delete(folder.resolve("0005_stray.sql"));

        // when a journal entry is added later: it alone is applied, and Drizzle still has nothing to do
        Files.writeString(folder.resolve("0005_chunk_tokens.sql"), "ALTER TABLE \"chunks\" ADD COLUMN \"tokens\" integer;\n");
        Path journal = folder.resolve("meta/_journal.json");
        Files.writeString(journal, Files.readString(journal).replace("\"breakpoints\": true }\n  ]",
                "\"breakpoints\": true },\n    { \"idx\": 5, \"version\": \"7\", \"when\": 1704499200000, \"tag\": \"0005_chunk_tokens\", \"breakpoints\": true }\n  ]"));
        CliRun third = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(report(project).get("migrations").valueStream().filter(m -> m.get("appliedInThisRun").asBoolean())
                .map(m -> m.get("version").asString()).toList()).containsExactly("0005_chunk_tokens");
        assertThat(LayoutProjects.node("drizzle-migrate.mjs", db.uri(), folder.toString()).out()).contains("{\"before\":6,\"after\":6}");
    }

    @Test
    void aDatabaseMigratedByDrizzleIsUpToDate(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the first four entries (drizzle-orm runs all pending migrations in one transaction, so it cannot run the
        // CREATE INDEX CONCURRENTLY of the fifth) applied by drizzle-orm itself
        Path project = LayoutProjects.copy("drizzle", tmp);
        Path folder = project.resolve("drizzle");
        Files.delete(folder.resolve("0004_chunks_document_index.sql"));
        Path journal = folder.resolve("meta/_journal.json");
        Files.writeString(journal, Files.readString(journal).replaceAll(
                ",\\s*\\{ \"idx\": 4[^}]*}", ""));
        var drizzle = LayoutProjects.node("drizzle-migrate.mjs", db.uri(), folder.toString());
        assertThat(drizzle.exitCode()).as(drizzle.out()).isZero();
        assertThat(drizzle.out()).contains("{\"before\":0,\"after\":4}");

        // when
        CliRun status = CliRun.run("status", "--project", project.toString(), "--db-url", db.uri());

        // then
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("up to date at version 0003_chunks_hnsw").doesNotContain("not managed");
    }

    @Test
    void entriesSharingAWhenAreBothAppliedOnceAsDrizzleAppliesThem(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given two journal entries with the same when (drizzle-orm applies both on a fresh database)
        Path folder = journal(tmp, "0000_init", 1700000000000L, "CREATE TABLE z (id int);\n",
                "0001_same_when", 1700000000000L, "CREATE TABLE y (id int);\n");

        // when
        CliRun first = CliRun.run("migrate", "--project", tmp.toString(), "--db-url", db.uri());
        CliRun second = CliRun.run("migrate", "--project", tmp.toString(), "--db-url", db.uri());

        // then both are applied once, with drizzle-orm's rows, and nothing is pending afterwards
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(db.queryStrings("SELECT created_at::text || ' ' || hash FROM " + TABLE + " ORDER BY id")).containsExactly(
                "1700000000000 " + sha256(folder.resolve("0000_init.sql")), "1700000000000 " + sha256(folder.resolve("0001_same_when.sql")));
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(report(tmp).get("migrationStatus").get("appliedInThisRun").asInt()).isZero();
        assertThat(CliRun.run("status", "--project", tmp.toString(), "--db-url", db.uri()).out())
                .contains("up to date at version 0001_same_when").doesNotContain("PENDING");
        // and drizzle-orm's own migrator agrees: nothing to apply
        assertThat(LayoutProjects.node("drizzle-migrate.mjs", db.uri(), folder.toString()).out()).contains("{\"before\":2,\"after\":2}");
    }

    @Test
    void aDatabaseWhereDrizzleAppliedEntriesSharingAWhenIsUpToDate(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given drizzle-orm applied two entries with the same when
        Path folder = journal(tmp, "0000_init", 1700000000000L, "CREATE TABLE z (id int);\n",
                "0001_same_when", 1700000000000L, "CREATE TABLE y (id int);\n");
        assertThat(LayoutProjects.node("drizzle-migrate.mjs", db.uri(), folder.toString()).out()).contains("{\"before\":0,\"after\":2}");

        // when
        CliRun status = CliRun.run("status", "--project", tmp.toString(), "--db-url", db.uri());
        CliRun migrate = CliRun.run("migrate", "--project", tmp.toString(), "--db-url", db.uri());

        // then
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("up to date at version 0001_same_when").doesNotContain("PENDING");
        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM " + TABLE)).isEqualTo(2);
    }

    @Test
    void anEntryOlderThanTheNewestAppliedIsReportedAndNotAppliedAsDrizzleSkipsIt(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given drizzle-orm applied two entries, then a merged branch adds an entry with a when between them
        Path folder = journal(tmp, "0000_init", 1700000000000L, "CREATE TABLE z (id int);\n",
                "0001_b", 1700000003000L, "CREATE TABLE b (id int);\n");
        assertThat(LayoutProjects.node("drizzle-migrate.mjs", db.uri(), folder.toString()).out()).contains("{\"before\":0,\"after\":2}");
        journal(tmp, "0000_init", 1700000000000L, "CREATE TABLE z (id int);\n", "0001_b", 1700000003000L, "CREATE TABLE b (id int);\n",
                "0002_merged_branch", 1700000002000L, "CREATE TABLE merged (id int);\n");
        // drizzle-orm itself never applies it
        assertThat(LayoutProjects.node("drizzle-migrate.mjs", db.uri(), folder.toString()).out()).contains("{\"before\":2,\"after\":2}");

        // when
        CliRun migrate = CliRun.run("migrate", "--project", tmp.toString(), "--db-url", db.uri());

        // then Preflight does not apply it either, and says so with the remedy
        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'merged'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM " + TABLE)).isEqualTo(2);
        var report = report(tmp);
        var ignored = finding(report, "MIG006");
        assertThat(ignored.get("message").asString()).contains("0002_merged_branch").contains("1700000003000").contains("never applies it");
        assertThat(ignored.get("remedy").asString()).contains("later than 1700000003000").contains("drizzle-kit generate");
        assertThat(report.get("findings").valueStream().map(f -> f.get("id").asString())).doesNotContain("MIG003");
        assertThat(CliRun.run("status", "--project", tmp.toString(), "--db-url", db.uri()).out()).doesNotContain("PENDING");
    }

    /** A Drizzle project of {@code tag, when, sql} triples in {@code project}/drizzle: its folder. */
    private static Path journal(Path project, Object... entries) throws Exception {
        Path folder = project.resolve("drizzle");
        Files.createDirectories(folder.resolve("meta"));
        StringBuilder json = new StringBuilder("{ \"version\": \"7\", \"dialect\": \"postgresql\", \"entries\": [");
        for (int i = 0; i < entries.length; i += 3) {
            Files.writeString(folder.resolve(entries[i] + ".sql"), (String) entries[i + 2]);
            json.append(i == 0 ? "" : ",").append("\n  { \"idx\": ").append(i / 3).append(", \"version\": \"7\", \"when\": ")
                    .append(entries[i + 1]).append(", \"tag\": \"").append(entries[i]).append("\", \"breakpoints\": true }");
        }
        Files.writeString(folder.resolve("meta/_journal.json"), json.append("\n] }\n"));
        return folder;
    }
}
