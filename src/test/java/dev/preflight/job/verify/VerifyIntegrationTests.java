package dev.preflight.job.verify;

import static dev.preflight.job.verify.VerifyFixtures.findings;
import static dev.preflight.job.verify.VerifyFixtures.latestReport;
import static dev.preflight.job.verify.VerifyFixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class VerifyIntegrationTests {

    @Test
    void freshlyMigratedDatabaseHasNoDriftAndPassesTheNeonHubSmokeChecks(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a freshly migrated database with the seed rows the suite expects
        Path project = Projects.copyExample(tmp);
        VerifyFixtures.migrate(db, project);
        VerifyFixtures.insertSeedLikeRows(db);

        // when
        CliRun run = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());

        // then: no drift, every smoke check passed, drift.sql says so
        var report = latestReport(project);
        assertThat(findings(report, "DRIFT")).as(run.out() + run.err()).isEmpty();
        assertThat(outcomes(report, "DRIFT")).extracting(o -> o.get("status").asString()).containsOnly("PASSED").hasSize(10);
        assertThat(outcomes(report, "SMOKE")).hasSize(9).allSatisfy(o -> assertThat(o.get("status").asString())
                .as(o.toString()).isEqualTo("PASSED"));
        var drift = report.get("verify").get("drift");
        assertThat(drift.get("objectsCompared").asInt()).isGreaterThan(400);
        assertThat(drift.get("items")).isEmpty();
        assertThat(Files.readString(project.resolve("reports/latest/drift.sql"))).contains("No drift");
        assertThat(report.get("checklist").findValuesAsString("id")).doesNotContain("DRIFT000", "SMOKE000", "GIT000", "CI000");
        assertThat(db.queryLong("SELECT count(*) FROM pg_database WHERE datname LIKE 'preflight_shadow_%'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM organizations WHERE id = 'preflight-smoke-org'")).isZero();
    }

    @Test
    void aSmokeQueryThatWritesIsRefusedByTheServerAndChangesNothing(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a smoke check whose one query deletes rows (a data-modifying WITH), on a seeded database
        Path project = Projects.copyExample(tmp);
        VerifyFixtures.migrate(db, project);
        VerifyFixtures.insertSeedLikeRows(db);
        long before = db.queryLong("SELECT count(*) FROM organizations");
        Files.writeString(project.resolve("jobs/checks/zz.yaml"), """
                checks:
                  - id: SMOKE300
                    title: Sneaky delete
                    severity: low
                    sql: WITH d AS (DELETE FROM organizations RETURNING 1) SELECT count(*) FROM d
                    expect: {rows: "= 1"}
                """);

        // when verify runs it
        CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());

        // then the server refused the write (the transaction is read-only), the check says so, and every row is there
        assertThat(db.queryLong("SELECT count(*) FROM organizations")).isEqualTo(before).isPositive();
        var smoke = outcomes(latestReport(project), "SMOKE300");
        assertThat(smoke).singleElement().satisfies(o -> assertThat(o.get("status").asString()).isEqualTo("ERROR"));
        assertThat(smoke.get(0).get("findings").get(0).get("message").asString()).contains("read-only transaction");
    }
}
