package dev.preflight.migration;

import static dev.preflight.migration.LayoutProjects.finding;
import static dev.preflight.migration.LayoutProjects.report;
import static dev.preflight.migration.LayoutProjects.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prisma layout end to end (prisma/migrations/NAME/migration.sql, _prisma_migrations). The
 * Prisma CLI cannot run offline, so the history rows are checked against the format prisma-engines
 * writes and compares (its checksum.rs and the _prisma_migrations DDL), not by the CLI itself.
 */
@ExtendWith(PostgresExtension.class)
class PrismaLayoutIntegrationTests {

    private static final String MIGRATIONS = "prisma/migrations";

    @Test
    void gateAppliesAllThenNothingReportsAnEditedFileAndAppliesANewFileAlone(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the fixture project on an empty database
        Path project = LayoutProjects.copy("prisma", tmp);

        // when
        CliRun first = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        // then every folder is applied in name order, with Prisma's own rows
        assertThat(first.exitCode()).as(first.err()).isZero();
        var report = report(project);
        assertThat(report.get("migrationStatus").get("before").get("state").asString()).isEqualTo("NEVER_MIGRATED");
        assertThat(report.get("migrationStatus").get("after").get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(report.get("migrationStatus").get("appliedInThisRun").asInt()).isEqualTo(5);
        assertThat(db.queryStrings("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL "
                + "AND applied_steps_count = 1 ORDER BY started_at")).containsExactly("20240101000000_init", "20240102000000_chunks",
                "20240103000000_document_status", "20240104000000_chunks_hnsw", "20240105000000_chunks_document_index");
        Path hnsw = project.resolve(MIGRATIONS).resolve("20240104000000_chunks_hnsw/migration.sql");
        assertThat(db.queryString("SELECT checksum FROM _prisma_migrations WHERE migration_name = '20240104000000_chunks_hnsw'"))
                .isEqualTo(sha256(hnsw));
        assertThat(db.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                + "WHERE a.amname = 'hnsw' AND i.indisvalid")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = '\"chunks_documentId_idx\"'::regclass AND indisvalid")).isEqualTo(1);
        // the history table is not application schema: 2 tables, not 3
        assertThat(report.get("database").get("counts").get("tables").asInt()).isEqualTo(2);
        assertThat(report.get("checklist").toString()).contains("MIG005");

        // when verify replays the migrations through the seam on a shadow database: no drift, and the history table is not
        // proposed for dropping
        CliRun verify = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());
        var drift = report(project).get("verify").get("drift");
        assertThat(drift.has("error") && !drift.get("error").isNull()).as(verify.err() + drift).isFalse(); // null errors are left out
        assertThat(drift.get("objectsCompared").asInt()).isGreaterThan(5);
        assertThat(drift.get("items")).as(drift.toString()).isEmpty();
        assertThat(Files.readString(project.resolve("reports/latest/drift.sql"))).doesNotContain("_prisma_migrations");

        // when run again: nothing to apply
        CliRun second = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(report(project).get("migrationStatus").get("appliedInThisRun").asInt()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM _prisma_migrations")).isEqualTo(5);

        // when an applied file is edited: a checksum mismatch in Prisma's format, named
        String applied = sha256(hnsw);
        String original = Files.readString(hnsw);
        Files.writeString(hnsw, original + "-- edited after it was applied\n");
        CliRun edited = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());
        assertThat(edited.exitCode()).isEqualTo(1);
        var mismatch = finding(report(project), "MIG004");
        assertThat(mismatch.get("message").asString()).contains("20240104000000_chunks_hnsw");
        assertThat(mismatch.get("expected").asString()).contains(applied);
        assertThat(mismatch.get("actual").asString()).contains(sha256(hnsw)).doesNotContain(applied);

        // when the same file only changes its line endings (git on Windows): Prisma accepts it, and so does Preflight
        Files.writeString(hnsw, original.replace("\n", "\r\n"));
        assertThat(CliRun.run("report", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        Files.writeString(hnsw, original);

        // when a migration is added later: it alone is applied
        Path added = project.resolve(MIGRATIONS).resolve("20240106000000_chunk_tokens/migration.sql");
        Files.createDirectories(added.getParent());
        Files.writeString(added, "-- AlterTable\nALTER TABLE \"chunks\" ADD COLUMN \"tokens\" INTEGER;\n");
        CliRun third = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(third.exitCode()).as(third.err()).isZero();
        var after = report(project);
        assertThat(after.get("migrationStatus").get("appliedInThisRun").asInt()).isEqualTo(1);
        assertThat(after.get("migrations").valueStream().filter(m -> m.get("appliedInThisRun").asBoolean())
                .map(m -> m.get("version").asString()).toList()).containsExactly("20240106000000_chunk_tokens");
        assertThat(db.queryLong("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL")).isEqualTo(6);
    }

    @Test
    void aDatabaseMigratedByPrismaIsUpToDateIncludingRowsOlderPrismaVersionsWrote(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a database built by Prisma: its table, a failed-then-rolled-back attempt, and one checksum in the unpadded hex
        // that Prisma wrote before prisma-engines#1887 (every row written here in the documented format, not by Preflight)
        Path project = LayoutProjects.copy("prisma", tmp);
        db.execute("CREATE TABLE \"_prisma_migrations\" (\"id\" VARCHAR(36) PRIMARY KEY NOT NULL, \"checksum\" VARCHAR(64) NOT NULL, "
                + "\"finished_at\" TIMESTAMPTZ, \"migration_name\" VARCHAR(255) NOT NULL, \"logs\" TEXT, \"rolled_back_at\" TIMESTAMPTZ, "
                + "\"started_at\" TIMESTAMPTZ NOT NULL DEFAULT now(), \"applied_steps_count\" INTEGER NOT NULL DEFAULT 0)");
        try (Stream<Path> dirs = Files.list(project.resolve(MIGRATIONS))) {
            int i = 0;
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path sql = dir.resolve("migration.sql");
                String name = dir.getFileName().toString();
                if (i == 1) {
                    db.execute("INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, rolled_back_at, started_at) VALUES "
                            + "('00000000-0000-0000-0000-00000000000" + i + "', '" + sha256(sql) + "', '" + name + "', 'boom', now(), now())");
                }
                for (String statement : Files.readString(sql).split(";")) {
                    if (!statement.replaceAll("(?m)^--.*$", "").isBlank()) {
                        db.execute(statement);
                    }
                }
                String checksum = i == 2 ? unpadded(sql) : sha256(sql);
                db.execute("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES "
                        + "('10000000-0000-0000-0000-00000000000" + i + "', '" + checksum + "', now(), '" + name + "', now(), 1)");
                i++;
            }
        }

        // when
        CliRun status = CliRun.run("status", "--project", project.toString(), "--db-url", db.uri());
        CliRun report = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());

        // then
        assertThat(status.out()).contains("up to date").contains("_prisma_migrations").doesNotContain("not managed");
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report(project).get("migrationStatus").get("after").get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(report(project).get("findings").findValuesAsString("id")).doesNotContain("MIG001", "MIG002", "MIG003", "MIG004");
    }

    @Test
    void theNeonHubProjectInPrismaLayoutGetsTheOrderFindingBeforeAnythingIsApplied(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the seed's Prisma folders (named in each Flyway file's header) with the example's SQL, no _prisma_migrations
        Pattern folder = Pattern.compile("Reproduces NeonHub Prisma migration folder: (\\S+)");
        try (Stream<Path> files = Files.list(Projects.repositoryRoot().resolve("migrations"))) {
            for (Path v : files.sorted().toList()) {
                String sql = Files.readString(v);
                Matcher m = folder.matcher(sql);
                assertThat(m.find()).as(v.toString()).isTrue();
                Path target = tmp.resolve("apps/api/prisma/migrations").resolve(m.group(1)).resolve("migration.sql");
                Files.createDirectories(target.getParent());
                Files.writeString(target, sql.replace("${embedding_dimension}", "1536"));
            }
        }

        Projects.copyTree(Projects.repositoryRoot().resolve("src/test/resources/projects/prisma/jobs"), tmp.resolve("jobs")); // migrate only

        // when
        CliRun gate = CliRun.run("gate", "--project", tmp.toString(), "--db-url", db.uri());

        // then: the order finding names the failing file, its line, the missing table and the folder that creates it
        assertThat(gate.exitCode()).as(gate.err()).isEqualTo(1);
        var order = finding(report(tmp), "MIG005");
        assertThat(order.get("severity").asString()).isEqualToIgnoringCase("blocker");
        assertThat(order.get("message").asString()).contains("20250105_phase4_beta/migration.sql").contains("relation \"users\" does not exist")
                .contains("20251012154609_initial/migration.sql");
        assertThat(order.get("remedy").asString()).contains("./preflight baseline");
        // and nothing was applied: no application table, no history table
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }

    @Test
    void anAttemptIsRecordedBeforeItRunsSoAKilledDeployLeavesAFailedRowAsPrismaWould(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given five applied migrations and a sixth that takes long where there is data (the order check replays it on an
        // empty shadow database first, where it must not)
        Path project = LayoutProjects.copy("prisma", tmp);
        assertThat(CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        db.execute("INSERT INTO documents (title) VALUES ('one')");
        Path slow = project.resolve(MIGRATIONS).resolve("20240106000000_slow/migration.sql");
        Files.createDirectories(slow.getParent());
        Files.writeString(slow, "ALTER TABLE chunks ADD COLUMN tokens integer;\n"
                + "SELECT pg_sleep(CASE WHEN EXISTS (SELECT FROM documents) THEN 300 ELSE 0 END);\n");

        // when the gate runs it and its session is killed mid-migration
        java.util.concurrent.CompletableFuture<CliRun> run = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri()));
        String sleeping = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                + "AND query LIKE '%pg_sleep(CASE%' AND query NOT LIKE '%pg_stat_activity%' AND state = 'active'";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        while (db.queryStrings(sleeping).isEmpty()) {
            assertThat(run).as("the gate ended before its migration ran: " + (run.isDone() ? run.get().err() : "")).isNotDone();
            assertThat(System.nanoTime()).as("migration 6 started in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        String unfinished = "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL";
        try {
            // then while it runs, Prisma (or any reader) already sees the attempt: started, not finished
            assertThat(db.queryStrings(unfinished)).containsExactly("20240106000000_slow");
        } finally {
            db.execute("SELECT pg_terminate_backend(pid) FROM (" + sleeping + ") s"); // the kill, and no 300 s sleep left behind
        }
        CliRun killed = run.get(3, java.util.concurrent.TimeUnit.MINUTES);

        // then the attempt stays failed, its transactional part is gone, and the remedy is Prisma's resolve
        assertThat(killed.exitCode()).as(killed.out() + killed.err()).isEqualTo(1);
        assertThat(db.queryStrings(unfinished)).containsExactly("20240106000000_slow");
        assertThat(db.queryLong("SELECT count(*) FROM _prisma_migrations")).as("one row per attempt, not two").isEqualTo(6);
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'chunks' AND column_name = 'tokens'"))
                .isZero();
        assertThat(report(project).get("findings").toString()).contains("migrate resolve --rolled-back 20240106000000_slow");
        CliRun again = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(again.exitCode()).as("refuses to go past the failed attempt, as prisma migrate deploy does").isEqualTo(1);
        assertThat(finding(report(project), "MIG002").toString()).contains("20240106000000_slow");
    }

    private static String unpadded(Path file) throws Exception {
        StringBuilder out = new StringBuilder();
        for (byte b : java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))) {
            out.append(Integer.toHexString(b & 0xff));
        }
        return out.toString();
    }
}
