package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read-only commands write nothing to the target (issue 13, case 2), the remedy printed when the job
 * repository cannot be created works, and a blocked reports folder stops a run before anything is
 * applied (case 3). Roles are cluster-wide: every role a test creates is dropped in its finally.
 */
@ExtendWith(PostgresExtension.class)
class ReadOnlyIntegrationTests {

    private static final String PASSWORD = "ro-Pass-2468";

    private static String role(String purpose) {
        return "pf_" + purpose + "_" + ProcessHandle.current().pid();
    }

    /** A role that can log in and SELECT, and nothing else (no CREATE on the database or on public). */
    private static DatabaseUrl selectOnlyRole(TestDatabase db, String role) {
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'",
                "GRANT CONNECT ON DATABASE " + db.url().database() + " TO " + role,
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        return DatabaseUrl.parse("postgresql://" + role + ":" + PASSWORD + "@" + db.url().hosts() + "/" + db.url().database());
    }

    private static void dropRole(TestDatabase db, String role) {
        db.execute("DROP OWNED BY " + role + " CASCADE", "DROP ROLE IF EXISTS " + role);
    }

    /** Schemas, relations and the row count of every table in schema preflight (if any), as one comparable text. */
    private static String catalog(TestDatabase db) {
        List<String> parts = new java.util.ArrayList<>();
        parts.addAll(db.queryStrings("SELECT nspname || ':' || nspowner::regrole FROM pg_namespace ORDER BY 1"));
        parts.addAll(db.queryStrings("SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
                + "AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1"));
        for (String table : db.queryStrings("SELECT tablename FROM pg_tables WHERE schemaname = 'preflight' ORDER BY 1")) {
            parts.add("preflight." + table + "=" + db.queryLong("SELECT count(*) FROM preflight." + table));
        }
        parts.add("public.items=" + db.queryLong("SELECT count(*) FROM items"));
        return String.join("\n", parts);
    }

    private static Path project(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__items.sql"), "CREATE EXTENSION IF NOT EXISTS vector;\n"
                + "CREATE TABLE items (id int PRIMARY KEY, body text, embedding vector(3));\n");
        return dir;
    }

    @Test
    void statusReportAndHistoryAsASelectOnlyRoleChangeNothing(TestDatabase db, @TempDir Path dir) throws Exception {
        Path project = project(dir);
        db.execute("CREATE EXTENSION vector", "CREATE TABLE items (id int PRIMARY KEY, body text, embedding vector(3))",
                "INSERT INTO items VALUES (1, 'a', '[1,0,0]'), (2, 'b', NULL)");
        String role = role("ro");
        DatabaseUrl url = selectOnlyRole(db, role);
        try {
            String before = catalog(db);
            assertThat(before).doesNotContain("preflight");

            CliRun status = CliRun.run("status", "--project", project.toString(), "--db-url", url.secretUri());
            CliRun report = CliRun.run("report", "--project", project.toString(), "--db-url", url.secretUri());
            CliRun history = CliRun.run("history", "--project", project.toString(), "--db-url", url.secretUri());

            assertThat(status.exitCode()).as(status.err()).isIn(0, 1);
            assertThat(report.exitCode()).as(report.err()).isIn(0, 1);
            assertThat(history.exitCode()).as(history.err()).isEqualTo(0);
            assertThat(catalog(db)).isEqualTo(before);
            String json = Files.readString(project.resolve("reports/latest/readiness.json"));
            assertThat(json).contains("\"command\" : \"report\"").contains("\"SRV001\"");
            assertThat(history.out()).doesNotContain("report").doesNotContain("status");
        } finally {
            dropRole(db, role);
        }
    }

    @Test
    void statusThatCannotConnectWritesNoReport(@TempDir Path dir) throws Exception {
        Path project = project(dir);
        CliRun status = CliRun.run("status", "--project", project.toString(), "--db-url", "postgresql://u:pw-123456@127.0.0.1:1/db");
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(project.resolve("reports")).doesNotExist();
    }

    @Test
    void aRoleThatMayNotCreateInSchemaPublicIsToldSoAndHowToGrantIt(TestDatabase db, @TempDir Path dir) throws Exception {
        // given a role that may create Preflight's schema but not Flyway's history table in public (PostgreSQL 15's default)
        Path project = dir.resolve("p");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/V1__t.sql"), "CREATE TABLE t (id int);\n");
        String role = role("nopublic");
        DatabaseUrl url = selectOnlyRole(db, role);
        db.execute("GRANT CREATE ON DATABASE " + db.url().database() + " TO " + role);
        try {
            CliRun run = CliRun.run("migrate", "--project", project.toString(), "--db-url", url.secretUri());

            // then MIG002 says it was Flyway's history table, not a migration, and the grant that fixes it; one blocker, not two
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            String json = Files.readString(project.resolve("reports/latest/readiness.json"));
            assertThat(json).contains("Flyway could not create its schema history table flyway_schema_history: ERROR: permission denied "
                    + "for schema public").contains("GRANT USAGE, CREATE ON SCHEMA public TO <role>").doesNotContain("RUN002");
            db.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + role);
            assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", url.secretUri()).exitCode()).isZero();
        } finally {
            dropRole(db, role);
        }
    }

    @Test
    void thePrintedRemedyForTheJobRepositoryWorks(TestDatabase db, @TempDir Path dir) throws Exception {
        Path project = project(dir);
        String role = role("rem");
        DatabaseUrl url = selectOnlyRole(db, role);
        try {
            CliRun denied = CliRun.run("seed", "--dry-run", "--project", project.toString(), "--db-url", url.secretUri());
            assertThat(denied.exitCode()).as(denied.err()).isEqualTo(2);
            Matcher remedy = Pattern.compile("CREATE SCHEMA preflight AUTHORIZATION \"[^\"]+\"").matcher(denied.err());
            assertThat(remedy.find()).as(denied.err()).isTrue();

            db.execute(remedy.group());
            CliRun again = CliRun.run("seed", "--dry-run", "--project", project.toString(), "--db-url", url.secretUri());

            assertThat(again.exitCode()).as(again.err()).isIn(0, 1);
            assertThat(db.queryLong("SELECT count(*) FROM preflight.run_history WHERE command = 'seed'")).isEqualTo(1);
        } finally {
            dropRole(db, role);
        }
    }

    @Test
    void aRoleGivenSchemaPreflightButNoCreateOnTheDatabaseMigratesAndBackfills(TestDatabase db, @TempDir Path dir) throws Exception {
        // given: a role that may create in public but not in the database (PostgreSQL's default), and the schema preflight
        // an administrator made for it, as the printed remedy says; a migration that must run outside a transaction
        Path project = project(dir);
        Files.writeString(project.resolve("migrations/V2__body_index.sql"), "CREATE INDEX CONCURRENTLY items_body_idx ON items (body);\n");
        Files.createDirectories(project.resolve("jobs"));
        Files.writeString(project.resolve("jobs/preflight.yaml"), "embeddings:\n  provider: deterministic\n  targets:\n"
                + "    items:\n      table: items\n      text: body\n      vector: embedding\n");
        String role = role("own");
        db.execute("CREATE EXTENSION vector", "CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'",
                "GRANT CONNECT ON DATABASE " + db.url().database() + " TO " + role,
                "GRANT USAGE, CREATE ON SCHEMA public TO " + role, "CREATE SCHEMA preflight AUTHORIZATION " + role);
        String url = DatabaseUrl.parse("postgresql://" + role + ":" + PASSWORD + "@" + db.url().hosts() + "/" + db.url().database())
                .secretUri();
        try {
            assertThat(db.queryString("SELECT has_database_privilege('" + role + "', current_database(), 'CREATE')::text"))
                    .isEqualTo("false");

            // when
            CliRun migrate = CliRun.run("migrate", "--project", project.toString(), "--db-url", url);
            db.execute("INSERT INTO items SELECT g, 'text ' || g FROM generate_series(1, 20) g");
            CliRun backfill = CliRun.run("backfill", "--project", project.toString(), "--db-url", url);

            // then: both ran (CREATE SCHEMA IF NOT EXISTS would have been refused), and the work is done
            assertThat(migrate.exitCode()).as(migrate.err()).isIn(0, 1);
            assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'items_body_idx'")).isEqualTo(1);
            assertThat(backfill.exitCode()).as(backfill.err()).isIn(0, 1);
            assertThat(backfill.err()).doesNotContain("permission denied");
            assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NULL")).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM preflight.embedding_state")).isEqualTo(20);
        } finally {
            dropRole(db, role);
        }
    }

    @Test
    void aBackfillWhoseRoleMayNotWriteTheVectorsStopsBeforeEmbeddingAnything(TestDatabase db, @TempDir Path dir) throws Exception {
        // given: a role that may read items and update its text, not its vectors, with schema preflight of its own
        Path project = project(dir);
        Files.createDirectories(project.resolve("jobs"));
        Files.writeString(project.resolve("jobs/preflight.yaml"), "embeddings:\n  provider: deterministic\n  targets:\n"
                + "    items:\n      table: items\n      text: body\n      vector: embedding\n");
        String role = role("upd");
        db.execute("CREATE EXTENSION vector", "CREATE TABLE items (id int PRIMARY KEY, body text, embedding vector(3))",
                "INSERT INTO items SELECT g, 'text ' || g FROM generate_series(1, 5) g",
                "CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'",
                "GRANT CONNECT ON DATABASE " + db.url().database() + " TO " + role, "GRANT USAGE ON SCHEMA public TO " + role,
                "GRANT SELECT, UPDATE (body) ON items TO " + role, "CREATE SCHEMA preflight AUTHORIZATION " + role);
        String url = DatabaseUrl.parse("postgresql://" + role + ":" + PASSWORD + "@" + db.url().hosts() + "/" + db.url().database())
                .secretUri();
        try {
            // when
            CliRun backfill = CliRun.run("backfill", "--project", project.toString(), "--db-url", url);

            // then: one line naming the column and the grant, and no record of a vector that was never written
            assertThat(backfill.exitCode()).as(backfill.err()).isEqualTo(2);
            assertThat(backfill.err()).contains("may not UPDATE items.embedding").contains("GRANT UPDATE (embedding) ON items");
            assertThat(db.queryLong("SELECT count(*) FROM preflight.embedding_state")).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NOT NULL")).isZero();
        } finally {
            dropRole(db, role);
        }
    }

    @Test
    void aPrivilegeTheRoleLacksIsOneLineNamingItNotAnInternalError(TestDatabase db, @TempDir Path dir) throws Exception {
        // given: the owner ran a job (schema preflight exists, with the run history), and a role that may only read public
        Path project = project(dir);
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        String role = role("hist");
        DatabaseUrl url = selectOnlyRole(db, role);
        try {
            // when
            CliRun history = CliRun.run("history", "--project", project.toString(), "--db-url", url.secretUri());

            // then
            assertThat(history.exitCode()).isEqualTo(2);
            assertThat(history.err()).contains("the database refused the connecting role: ERROR: permission denied for schema preflight")
                    .contains("grant the role that privilege").doesNotContain("internal error").doesNotContain("Exception");
        } finally {
            dropRole(db, role);
        }
    }

    @Test
    void aBlockedReportsFolderStopsTheRunBeforeAnyMigration(TestDatabase db, @TempDir Path dir) throws Exception {
        Path project = project(dir);
        Files.writeString(project.resolve("reports"), "a file in the way");

        CliRun migrate = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());

        assertThat(migrate.exitCode()).isEqualTo(2);
        assertThat(migrate.err()).contains("reports folder reports is a file").doesNotContain("Exception");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'preflight')")).isZero();
    }
}
