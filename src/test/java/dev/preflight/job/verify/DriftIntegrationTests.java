package dev.preflight.job.verify;

import static dev.preflight.job.verify.VerifyFixtures.findings;
import static dev.preflight.job.verify.VerifyFixtures.latestReport;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Changes made behind the migrations' back: verify names each one, and applying the drift.sql it
 * writes brings the database back to zero drift (where SQL can express the fix).
 *
 * <p>Mutations it kills (issue #17's audit killed every drift-detection mutation it tried): a
 * differ that ignores one kind of object (each row of {@code changes()} names its check id and
 * subject: index, lists, column type, vector dimension, NOT NULL, default, table, foreign key,
 * check constraint, enum label, extension, view); repair SQL that does not undo the change
 * (zero drift after applying drift.sql); an edited applied migration not reported as history drift.
 */
@ExtendWith(PostgresExtension.class)
class DriftIntegrationTests {

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("drop an index", "DRIFT003", "index agents_brandId_idx on agents",
                        "DROP INDEX \"agents_brandId_idx\""),
                Arguments.of("drop a unique index", "DRIFT003", "index organizations_slug_key on organizations",
                        "DROP INDEX organizations_slug_key"),
                Arguments.of("change an index's lists", "DRIFT003", "index chunks_embedding_cosine_idx on chunks",
                        "DROP INDEX chunks_embedding_cosine_idx; CREATE INDEX chunks_embedding_cosine_idx ON chunks "
                                + "USING ivfflat (embedding vector_cosine_ops) WITH (lists = 50)"),
                Arguments.of("change a column type", "DRIFT001", "column organizations.logoUrl",
                        "ALTER TABLE organizations ALTER COLUMN \"logoUrl\" TYPE varchar(200)"),
                Arguments.of("change a vector dimension", "DRIFT001", "column messages.embedding",
                        "DROP INDEX messages_embedding_cosine_idx; ALTER TABLE messages ALTER COLUMN embedding TYPE vector(768)"),
                Arguments.of("drop NOT NULL", "DRIFT001", "column brands.name",
                        "ALTER TABLE brands ALTER COLUMN name DROP NOT NULL"),
                Arguments.of("add a column", "DRIFT001", "column agents.legacy_flag",
                        "ALTER TABLE agents ADD COLUMN legacy_flag boolean DEFAULT false"),
                Arguments.of("add a table", "DRIFT001", "table hotfix_notes",
                        "CREATE TABLE hotfix_notes (id serial PRIMARY KEY, note text NOT NULL)"),
                Arguments.of("drop a foreign key", "DRIFT002", "foreign key brands_organizationId_fkey on brands",
                        "ALTER TABLE brands DROP CONSTRAINT \"brands_organizationId_fkey\""),
                Arguments.of("add an enum label", "DRIFT004", "enum AgentKind",
                        "ALTER TYPE \"AgentKind\" ADD VALUE 'LEGACY'"),
                Arguments.of("drop an extension", "DRIFT005", "extension uuid-ossp",
                        "DROP EXTENSION \"uuid-ossp\""),
                Arguments.of("alter a default", "DRIFT001", "column organizations.plan",
                        "ALTER TABLE organizations ALTER COLUMN plan SET DEFAULT 'pro'"),
                Arguments.of("add a view", "DRIFT006", "view org_names",
                        "CREATE VIEW org_names AS SELECT name FROM organizations"),
                Arguments.of("add a check constraint", "DRIFT002", "constraint brands_slug_lower on brands",
                        "ALTER TABLE brands ADD CONSTRAINT brands_slug_lower CHECK (slug = lower(slug))"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void verifyNamesTheChangeAndDriftSqlUndoesIt(String change, String checkId, String subject, String sql,
                                                  TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a migrated database changed behind the migrations' back
        Path project = Projects.copyExample(tmp);
        VerifyFixtures.migrate(db, project);
        db.execute(sql.split("; "));

        // when
        CliRun run = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());

        // then the change is a finding naming the object, with expected and actual
        JsonNode finding = findings(latestReport(project), checkId).stream().filter(f -> f.get("subject").asString().equals(subject))
                .findFirst().orElseThrow(() -> new AssertionError(change + ": no " + checkId + " finding for " + subject + " in "
                        + findings(rereadQuietly(project), "") + "\n" + run.err()));
        assertThat(finding.get("expected").asString()).isNotEqualTo(finding.get("actual").asString());
        assertThat(finding.get("remedy").asString()).contains("drift.sql");
        String driftSql = Files.readString(project.resolve("reports/latest/drift.sql"));
        assertThat(driftSql).contains("REVIEW BEFORE APPLYING");

        // when drift.sql is applied and verify runs again
        db.execute(driftSql);
        CliRun again = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());

        // then there is no drift left
        assertThat(findings(latestReport(project), "DRIFT")).as(change + "\n" + driftSql + "\n" + again.err()).isEmpty();
    }

    @Test
    void domainsCompositeTypesAndPartitionsAreComparedAndMissingOrExtraPartitionsRepaired(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given migrations with a domain, a composite type and a partitioned table with two partitions, applied
        Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(tmp.resolve("migrations/V1__kinds.sql"), """
                CREATE SCHEMA billing;
                CREATE DOMAIN email AS text NOT NULL CONSTRAINT email_at CHECK (VALUE ~ '@');
                CREATE TYPE billing.pair AS (a int, b text);
                CREATE TABLE billing.invoices (id bigint, created date NOT NULL, mail email) PARTITION BY RANGE (created);
                CREATE TABLE billing.invoices_2025 PARTITION OF billing.invoices FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                CREATE TABLE billing.invoices_2026 PARTITION OF billing.invoices FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
                """);
        CliRun migrate = CliRun.run("migrate", "--project", tmp.toString(), "--db-url", db.uri());
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        CliRun clean = CliRun.run("verify", "--project", tmp.toString(), "--db-url", db.uri());
        assertThat(findings(latestReport(tmp), "DRIFT")).as(clean.err()).isEmpty();

        // when each is changed behind the migrations' back
        db.execute("ALTER DOMAIN email DROP CONSTRAINT email_at", "ALTER TYPE billing.pair ADD ATTRIBUTE c date",
                "DROP TABLE billing.invoices_2025",
                "CREATE TABLE billing.invoices_2027 PARTITION OF billing.invoices FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')");
        CliRun.run("verify", "--project", tmp.toString(), "--db-url", db.uri());

        // then each is a finding of its own, expected against actual
        JsonNode report = latestReport(tmp);
        assertThat(findings(report, "DRIFT").stream().map(f -> f.get("id").asString() + " " + f.get("subject").asString()))
                .containsExactlyInAnyOrder("DRIFT004 domain email", "DRIFT004 composite type billing.pair",
                        "DRIFT001 partition billing.invoices_2025 on billing.invoices", "DRIFT001 partition billing.invoices_2027 on billing.invoices");
        JsonNode domain = findings(report, "DRIFT004").stream().filter(f -> f.get("subject").asString().equals("domain email")).findFirst().orElseThrow();
        assertThat(domain.get("expected").asString()).isEqualTo("text NOT NULL CONSTRAINT email_at CHECK ((VALUE ~ '@'::text))");
        assertThat(domain.get("actual").asString()).isEqualTo("text NOT NULL");

        // and drift.sql recreates the missing partition and detaches the extra one, which stays as a table of its own with its rows
        // (dropping it is the user's call); the type changes stay for a migration
        db.execute(Files.readString(tmp.resolve("reports/latest/drift.sql")));
        CliRun.run("verify", "--project", tmp.toString(), "--db-url", db.uri());
        assertThat(findings(latestReport(tmp), "DRIFT").stream().map(f -> f.get("subject").asString()))
                .containsExactlyInAnyOrder("domain email", "composite type billing.pair", "table billing.invoices_2027");
        assertThat(db.queryString("SELECT to_regclass('billing.invoices_2027') IS NOT NULL")).isEqualTo("t");
    }

    @ParameterizedTest(name = "edit an applied migration file")
    @MethodSource("editedFile")
    void editingAnAppliedMigrationIsNamedAsHistoryDrift(String ignored, TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a migrated database whose V5 file was edited afterwards
        Path project = Projects.copyExample(tmp);
        VerifyFixtures.migrate(db, project);
        Path v5 = project.resolve("migrations/V5__gpt5_merge_vector.sql");
        Files.writeString(v5, Files.readString(v5) + "\n-- edited after it was applied\n");

        // when
        CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());

        // then MIG004 names the migration (SQL cannot undo an edited file: revert it or repair the history)
        JsonNode report = latestReport(project);
        assertThat(findings(report, "MIG004")).singleElement().satisfies(f -> {
            assertThat(f.get("subject").asString()).isEqualTo("migration 5");
            assertThat(f.get("message").asString()).contains("V5__gpt5_merge_vector.sql");
        });
        assertThat(report.get("verify").get("history").get("checksumMismatches").asInt()).isEqualTo(1);
        assertThat(report.get("verdict").asString()).isEqualTo("NOT_READY");
    }

    static Stream<String> editedFile() {
        return Stream.of("V5");
    }

    private static JsonNode rereadQuietly(Path project) {
        try {
            return latestReport(project);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
