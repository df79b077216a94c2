package dev.preflight.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.migration.MigrationStateClassifier;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
