package dev.preflight.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.migration.MigrationStateClassifier;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
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
 * The two migration states no other test produces, measured through the CLI on a real database:
 * UNMANAGED (application tables, no schema history; in Flyway's layout and in one applied through
 * the seam) and FAILED (a failed row in the history).
 * NEVER_MIGRATED, PENDING and UP_TO_DATE are covered by {@link GateIntegrationTests}; the pure
 * decision by {@code MigrationStateClassifierTests}.
 *
 * <p>Mutations known to be killed: UNMANAGED never reported (classified NEVER_MIGRATED, as the
 * issue's hand-applied bug did: both UNMANAGED tests fail, the Postgrator one since the seam's
 * layouts share {@link MigrationStateClassifier}); MIG001 silent for an unmanaged database; a
 * failed history row not counted (isFailed ignored) or outranked by "up to date"; MIG002 silent
 * for a failure recorded in the history rather than raised in this run.
 */
@ExtendWith(PostgresExtension.class)
class MigrationStatesIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode latestJson(Path project) throws Exception {
        return JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
    }

    @Test
    void tablesWithoutHistoryAreReportedUnmanagedAndNotReady(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a database whose tables were made by hand: no flyway_schema_history
        Path project = Projects.copyExample(tmp);
        db.execute("CREATE TABLE organizations (id uuid PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE projects (id uuid PRIMARY KEY, organization_id uuid REFERENCES organizations)");

        // when it is measured, then it is UNMANAGED, counted, and blocks the verdict with MIG001
        assertReportedUnmanaged(project, db, 2);
        assertThat(CliRun.run("status", "--project", project.toString(), "--db-url", db.uri()).out())
                .contains("not managed by these migrations (2 tables, no schema history)");
    }

    @Test
    void tablesWithoutNativeHistoryAreUnmanagedInAnAdoptedLayoutToo(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a Postgrator project (applied through the seam, not Flyway) and a table made by hand: no schemaversion
        Projects.copyTree(Path.of("src/test/resources/projects/postgrator"), tmp);
        db.execute("CREATE TABLE documents (id bigserial PRIMARY KEY, title text)");

        // when it is measured, then it is UNMANAGED, not NEVER_MIGRATED, and MIG001 blocks the verdict
        assertReportedUnmanaged(tmp, db, 1);
    }

    /** {@code report} measures the database UNMANAGED with {@code tables} application tables and no history, and not ready (MIG001). */
    private static void assertReportedUnmanaged(Path project, TestDatabase db, int tables) throws Exception {
        CliRun r = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode report = latestJson(project);
        JsonNode after = report.get("migrationStatus").get("after");
        assertThat(after.get("state").asString()).isEqualTo("UNMANAGED");
        assertThat(after.get("historyTable").asBoolean()).isFalse();
        assertThat(after.get("applicationTables").asInt()).isEqualTo(tables);
        assertThat(report.get("verdict").asString()).isEqualTo("NOT_READY");
        assertThat(report.get("findings").findValuesAsString("id")).contains("MIG001");
    }

    @Test
    void aFailedHistoryRowIsReportedFailedAndNotReady(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a migrated database, then a sixth migration that failed outside a transaction and was recorded as failed
        // (what Flyway writes when a non-transactional statement such as CREATE INDEX CONCURRENTLY fails)
        Path project = Projects.copyExample(tmp);
        CliRun migrate = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        Files.writeString(project.resolve("migrations/V6__concurrent_index.sql"),
                "CREATE INDEX CONCURRENTLY organizations_name_idx ON organizations (name);\n");
        db.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, "
                + "execution_time, success) SELECT max(installed_rank) + 1, '6', 'concurrent index', 'SQL', 'V6__concurrent_index.sql', "
                + "NULL, current_user, 3, false FROM flyway_schema_history");

        // when it is measured
        CliRun r = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());

        // then it is FAILED, with the failed migration counted and named
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode report = latestJson(project);
        JsonNode after = report.get("migrationStatus").get("after");
        assertThat(after.get("state").asString()).isEqualTo("FAILED");
        assertThat(after.get("failed").asInt()).isEqualTo(1);
        assertThat(after.get("applied").asInt()).isEqualTo(5);
        assertThat(report.get("verdict").asString()).isEqualTo("NOT_READY");
        var mig002 = report.get("findings").valueStream().filter(f -> f.get("id").asString().equals("MIG002")).toList();
        assertThat(mig002).hasSize(1);
        assertThat(mig002.get(0).get("message").asString()).contains("V6__concurrent_index.sql").contains("failed");
        assertThat(CliRun.run("status", "--project", project.toString(), "--db-url", db.uri()).out()).contains("a migration failed (1 failed in the history)")
                .containsPattern("6 +FAILED +V6__concurrent_index.sql");
    }

    @Test
    void flywaysValidationRefusalNamesEachProblemAndAnOlderUnappliedFileIsPending(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given V1, V2 and V3 applied, then V1 edited, V2 deleted, and a V1.5 added below the applied version
        Path folder = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(folder.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(folder.resolve("V2__b.sql"), "CREATE TABLE b (id int);\n");
        Files.writeString(folder.resolve("V3__c.sql"), "CREATE TABLE c (id int);\n");
        assertThat(CliRun.run("migrate", "--project", tmp.toString(), "--db-url", db.uri()).exitCode()).isZero();
        Files.writeString(folder.resolve("V1__a.sql"), "CREATE TABLE a (id int, x int);\n");
        Files.delete(folder.resolve("V2__b.sql"));
        Files.writeString(folder.resolve("V1.5__late.sql"), "CREATE TABLE late (id int);\n");

        // when
        CliRun r = CliRun.run("migrate", "--project", tmp.toString(), "--db-url", db.uri());

        // then nothing is applied, MIG002 names Flyway's three problems with a remedy that points at them, and V1.5 is a MIG003 of its own
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'late'")).isZero();
        JsonNode report = latestJson(tmp);
        JsonNode mig002 = only(report, "MIG002");
        assertThat(mig002.get("message").asString()).startsWith("Flyway's validation refused to migrate, nothing was applied: ")
                .contains("checksum mismatch for migration version 1").contains("not resolved locally: 2").contains("not applied to database: 1.5");
        assertThat(mig002.get("remedy").asString()).contains("MIG004").contains("MIG003");
        JsonNode late = only(report, "MIG003");
        assertThat(late.get("message").asString()).contains("V1.5__late.sql (version 1.5) was never applied and is older than the database's version 3");
        assertThat(late.get("remedy").asString()).contains("give it a version after 3");
        // and the Markdown inventory renders the deleted file's row (no checksum of its own)
        assertThat(Files.readString(tmp.resolve("reports/latest/readiness.md"))).containsPattern("\\| 2 \\| b \\| .* \\| - \\(applied: -?\\d+\\) \\| MISSING_SUCCESS");
    }

    @Test
    void anAppliedMigrationNewerThanEveryFileIsReportedTheDatabaseBeingAheadOfTheCheckout(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given V1 and V2 applied, then a checkout without V2 (an older release, or another branch)
        Path folder = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(folder.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(folder.resolve("V2__b.sql"), "CREATE TABLE b (id int);\n");
        assertThat(CliRun.run("migrate", "--project", tmp.toString(), "--db-url", db.uri()).exitCode()).isZero();
        Files.delete(folder.resolve("V2__b.sql"));

        // when
        CliRun r = CliRun.run("migrate", "--project", tmp.toString(), "--db-url", db.uri());

        // then Flyway passes over it (FUTURE_SUCCESS), but the report is not READY
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode report = latestJson(tmp);
        assertThat(report.get("verdict").asString()).isEqualTo("NOT_READY");
        assertThat(only(report, "MIG004").get("message").asString())
                .isEqualTo("migration 2 (b) is applied to the database but newer than every migration file in the project: the database is "
                        + "ahead of this checkout");
    }

    private static JsonNode only(JsonNode report, String id) {
        List<JsonNode> found = report.get("findings").valueStream().filter(f -> f.get("id").asString().equals(id)).toList();
        assertThat(found).as(id).hasSize(1);
        return found.get(0);
    }
}
