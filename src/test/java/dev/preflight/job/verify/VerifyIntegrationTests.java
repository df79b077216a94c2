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
}
