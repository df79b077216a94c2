package dev.preflight.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.migration.NativeTools;
import dev.preflight.migration.postgrator.PostgratorChecksum;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Postgrator, golang-migrate and dbmate layouts through the command line, on fixture projects
 * of five migrations (a vector column, an HNSW index built CONCURRENTLY): detected without
 * settings, applied with native history rows, a second gate applies nothing, a new file is
 * applied alone, and a database the native tool migrated is UP_TO_DATE.
 */
@ExtendWith(PostgresExtension.class)
class AdoptedLayoutsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void postgrator(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given
        Path project = fixture("postgrator", tmp);
        Path folder = project.resolve("migrations");

        // when / then: all five applied, Postgrator agrees and validates its checksums
        JsonNode first = gate(project, db, 5);
        assertValidHnsw(db);
        assertThat(first.get("migrationStatus").get("before").get("state").asString()).isEqualTo("NEVER_MIGRATED");
        assertThat(db.queryStrings("SELECT version || ' ' || name || ' ' || md5 FROM schemaversion WHERE version > 0 ORDER BY version").get(0))
                .isEqualTo("1 create_documents d9501225a452c49243e1bd9165b05cae");
        assertThat(NativeTools.postgrator(db.uri(), folder).output()).contains("{\"before\":5,\"after\":5,\"applied\":[]}");
        gate(project, db, 0);

        // a new file is applied alone, and Postgrator still has nothing to do
        Files.writeString(folder.resolve("006.do.chunk_tokens.sql"), "ALTER TABLE chunks ADD COLUMN tokens integer;\n");
        gate(project, db, 1);
        assertThat(NativeTools.postgrator(db.uri(), folder).output()).contains("{\"before\":6,\"after\":6,\"applied\":[]}");

        // an edited applied file is reported with Postgrator's own checksums, recorded and local
        String edited = "ALTER TABLE documents ADD COLUMN source text;\n";
        Files.writeString(folder.resolve("003.do.document_source.sql"), edited);
        deleteLatestReport(project);
        JsonNode report = report(CliRun.run("report", "--project", project.toString(), "--db-url", db.uri()), project);
        String findings = report.get("findings").toString();
        assertThat(findings).contains("MIG004").contains("003.do.document_source.sql").contains("applied to database: " + db.queryString("SELECT md5 FROM schemaversion WHERE version = 3"))
                .contains("resolved locally: " + PostgratorChecksum.md5(edited));
    }

    @Test
    void postgratorMigratedDatabaseIsUpToDate(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = fixture("postgrator", tmp);
        assertThat(NativeTools.postgrator(db.uri(), project.resolve("migrations")).output()).contains("\"applied\":[1,2,3,4,5]");

        CliRun status = CliRun.run("status", "--project", project.toString(), "--db-url", db.uri());

        assertThat(status.out()).as(status.err()).contains("State:      up to date at version ").contains("(5 applied)");
        assertNoDrift(project, db, "schemaversion");
    }

    @Test
    void dbmate(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given
        Path project = fixture("dbmate", tmp);
        Path folder = project.resolve("db/migrations");

        // when / then
        gate(project, db, 5);
        assertValidHnsw(db);
        NativeTools.Run status = NativeTools.dbmate(db.uri(), folder, "status", "--exit-code");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("Applied: 5").contains("Pending: 0");
        gate(project, db, 0);
        Files.writeString(folder.resolve("20250106120000_chunk_tokens.sql"),
                "-- migrate:up\nALTER TABLE chunks ADD COLUMN tokens integer;\n\n-- migrate:down\nALTER TABLE chunks DROP COLUMN tokens;\n");
        gate(project, db, 1);
        assertThat(NativeTools.dbmate(db.uri(), folder, "status", "--exit-code").output()).contains("Applied: 6").contains("Pending: 0");
        assertThat(db.queryStrings("SELECT version FROM schema_migrations ORDER BY version")).hasSize(6).last().isEqualTo("20250106120000");
    }

    @Test
    void dbmateMigratedDatabaseIsUpToDate(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = fixture("dbmate", tmp);
        assertThat(NativeTools.dbmate(db.uri(), project.resolve("db/migrations"), "up").exitCode()).isZero();

        CliRun status = CliRun.run("status", "--project", project.toString(), "--db-url", db.uri());

        assertThat(status.out()).as(status.err()).contains("State:      up to date at version ").contains("(5 applied)");
    }

    @Test
    void golangMigrate(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given
        Path project = fixture("golang-migrate", tmp);
        Path folder = project.resolve("db/migrations");

        // when / then: one clean row for the newest version, as golang-migrate keeps it
        gate(project, db, 5);
        assertValidHnsw(db);
        assertThat(db.queryStrings("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("5 false");
        gate(project, db, 0);
        Files.writeString(folder.resolve("000006_chunk_tokens.up.sql"), "ALTER TABLE chunks ADD COLUMN tokens integer;\n");
        gate(project, db, 1);
        assertThat(db.queryStrings("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("6 false");

        // a dirty version (what golang-migrate, or Preflight, leaves after a failed migration) is FAILED and blocks the gate
        db.execute("TRUNCATE schema_migrations", "INSERT INTO schema_migrations (version, dirty) VALUES (6, true)");
        CliRun status = CliRun.run("status", "--project", project.toString(), "--db-url", db.uri());
        assertThat(status.out()).as(status.err()).containsPattern("(?m)^\\s+6\\s+FAILED\\s+000006_chunk_tokens\\.up\\.sql$");
        Files.writeString(folder.resolve("000007_more.up.sql"), "ALTER TABLE chunks ADD COLUMN lang text;\n");
        CliRun blocked = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(blocked.exitCode()).isEqualTo(1);
        // the remedy is golang-migrate's force, never "delete the failed row" (that would empty its one-row history)
        String json = Files.readString(project.resolve("reports/latest/readiness.json"));
        assertThat(json).contains("force 6").doesNotContain("delete its failed row");
        assertThat(db.queryStrings("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("6 true");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'chunks' AND column_name = 'lang'")).isZero();
    }

    /**
     * golang-migrate marks the version dirty (committed) before running a migration and clean after:
     * Preflight does the same, so a run killed part-way leaves exactly golang-migrate's trace. The
     * kill is the migration's backend terminated mid-statement: its session ends with no chance to
     * write anything more, as when the process dies (the failure handler's own write is impossible).
     */
    @Test
    void golangMigrateMarksTheVersionDirtyBeforeRunningItSoAKilledMigrationStaysDirty(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given five applied migrations and a sixth that takes long where there is data (the order check replays it on an
        // empty shadow database first, where it must not)
        Path project = fixture("golang-migrate", tmp);
        gate(project, db, 5);
        db.execute("INSERT INTO documents (title) VALUES ('one')");
        Files.writeString(project.resolve("db/migrations/000006_slow.up.sql"), "ALTER TABLE chunks ADD COLUMN tokens integer;\n"
                + "SELECT pg_sleep(CASE WHEN EXISTS (SELECT FROM documents) THEN 300 ELSE 0 END);\n");

        // when the gate runs it and its session is killed mid-migration
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri()));
        String sleeping = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                + "AND query LIKE '%pg_sleep(CASE%' AND query NOT LIKE '%pg_stat_activity%' AND state = 'active'";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (db.queryStrings(sleeping).isEmpty()) {
            assertThat(run).as("the gate ended before its migration ran: " + (run.isDone() ? run.get().err() : "")).isNotDone();
            assertThat(System.nanoTime()).as("migration 6 started in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        try {
            // then while it runs, golang-migrate (or any reader) already sees version 6 dirty
            assertThat(db.queryStrings("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("6 true");
        } finally {
            db.execute("SELECT pg_terminate_backend(pid) FROM (" + sleeping + ") s"); // the kill, and no 300 s sleep left behind on failure
        }
        CliRun killed = run.get(3, TimeUnit.MINUTES);

        // then version 6 stays dirty, its transactional part is gone, and the remedy is golang-migrate's force
        assertThat(killed.exitCode()).as(killed.out() + killed.err()).isEqualTo(1);
        assertThat(report(killed, project).get("findings").toString()).contains("000006_slow.up.sql failed at line 2")
                .contains("terminating connection").contains("force 6");
        assertThat(db.queryStrings("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("6 true");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'chunks' AND column_name = 'tokens'")).isZero();
        CliRun report = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());
        assertThat(report.exitCode()).isEqualTo(1);
        String findings = report(report, project).get("findings").toString();
        assertThat(findings).contains("MIG002").contains("golang-migrate recorded version 6 as dirty").contains("force 6").contains("'force 5'");
    }

    @Test
    void golangMigrateMigratedDatabaseIsUpToDate(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given: the schema and the one row golang-migrate leaves after 'migrate up' (its documented format)
        Path project = fixture("golang-migrate", tmp);
        try (var files = Files.list(project.resolve("db/migrations"))) {
            for (Path up : files.filter(p -> p.toString().endsWith(".up.sql")).sorted().toList()) {
                db.execute(Files.readString(up));
            }
        }
        db.execute("CREATE TABLE IF NOT EXISTS \"public\".\"schema_migrations\" (version bigint not null primary key, dirty boolean not null)",
                "INSERT INTO \"public\".\"schema_migrations\" (version, dirty) VALUES (5, false)");

        CliRun status = CliRun.run("status", "--project", project.toString(), "--db-url", db.uri());

        assertThat(status.out()).as(status.err()).contains("State:      up to date at version ").contains("(5 applied)");
        assertNoDrift(project, db, "schema_migrations");
    }

    /** verify replays the migrations on a shadow database: no drift, and the native history table is not proposed for dropping. */
    private static void assertNoDrift(Path project, TestDatabase db, String historyTable) throws Exception {
        deleteLatestReport(project);
        CliRun verify = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());
        JsonNode drift = report(verify, project).get("verify").get("drift");
        assertThat(drift.get("error") == null || drift.get("error").isNull()).as(verify.err() + drift).isTrue();
        assertThat(drift.get("items")).as(drift.toString()).isNotNull().isEmpty();
        assertThat(Files.readString(project.resolve("reports/latest/drift.sql"))).doesNotContain(historyTable);
    }

    /** The fixture's non-transactional statement took effect: the HNSW index built CONCURRENTLY is there and valid. */
    private static void assertValidHnsw(TestDatabase db) {
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = 'chunks_embedding_hnsw'::regclass AND indisvalid")).isEqualTo(1);
    }

    private static void deleteLatestReport(Path project) throws Exception {
        Files.deleteIfExists(project.resolve("reports/latest/readiness.json"));
    }

    private static Path fixture(String layout, Path tmp) {
        Projects.copyTree(Path.of("src/test/resources/projects", layout), tmp);
        return tmp;
    }

    /** Runs the gate and checks it applied {@code expected} migrations and left the database UP_TO_DATE. */
    private static JsonNode gate(Path project, TestDatabase db, int expected) throws Exception {
        deleteLatestReport(project);
        CliRun run = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());
        JsonNode report = report(run, project);
        assertThat(report.get("migrationStatus").get("appliedInThisRun").asInt()).as(run.out() + run.err()).isEqualTo(expected);
        assertThat(report.get("migrationStatus").get("after").get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(run.exitCode()).as(run.out() + run.err() + report.get("findings")).isZero();
        return report;
    }

    private static JsonNode report(CliRun run, Path project) throws Exception {
        Path json = project.resolve("reports/latest/readiness.json");
        assertThat(json).as(run.out() + run.err()).exists();
        return JSON.readTree(Files.readString(json));
    }
}
