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
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Security behind the migrations' back: a dropped RLS policy, a revoked grant and RLS disabled on a
 * table are each named by verify (DRIFT007) and each undone by drift.sql. Roles the migrations use
 * must be declared for the isolated shadow cluster; an undeclared one is named with the remedy.
 */
@ExtendWith(PostgresExtension.class)
class SecurityDriftIntegrationTests {

    @Test
    void droppedPolicyRevokedGrantAndDisabledRlsAreNamedAndUndoneByDriftSql(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given roles that the application's setup creates on the real cluster, and migrations that use them
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        String user = "app_user_" + suffix;
        String reader = "app_reader_" + suffix;
        db.execute("CREATE ROLE " + user + " NOLOGIN", "CREATE ROLE " + reader + " NOLOGIN");
        try {
            Path project = Projects.copyExample(tmp);
            Files.writeString(project.resolve("migrations/V6__row_security.sql"), String.join("\n",
                    "ALTER TABLE documents ENABLE ROW LEVEL SECURITY;",
                    "CREATE POLICY org_isolation ON documents FOR ALL TO " + user
                            + " USING (\"organizationId\" = current_setting('app.org_id', true));",
                    "GRANT SELECT, INSERT ON documents TO " + user + ";",
                    "GRANT SELECT ON organizations TO " + reader + ";",
                    "ALTER TABLE chunks ENABLE ROW LEVEL SECURITY;", ""));
            VerifyFixtures.migrate(db, project);
            String verify = "verify";

            // when the roles are not declared for the isolated shadow cluster
            CliRun undeclared = CliRun.run(verify, "--project", project.toString(), "--db-url", db.uri());

            // then the replay fails on the role, named with the remedy
            assertThat(findings(latestReport(project), "DRIFT010")).as(undeclared.err()).singleElement()
                    .satisfies(f -> assertThat(f.get("message").asString()).contains("role " + user, "verify.shadowRoles"));

            // given the roles declared, and three changes made behind the migrations' back
            Files.writeString(project.resolve("jobs/preflight.yaml"), "\nverify:\n  shadowRoles: [" + user + ", " + reader + "]\n",
                    StandardOpenOption.APPEND);
            db.execute("DROP POLICY org_isolation ON documents", "REVOKE SELECT ON organizations FROM " + reader,
                    "ALTER TABLE chunks DISABLE ROW LEVEL SECURITY");

            // when
            CliRun run = CliRun.run(verify, "--project", project.toString(), "--db-url", db.uri());

            // then each change is a DRIFT007 finding naming the object
            JsonNode report = latestReport(project);
            assertThat(findings(report, "DRIFT")).as(run.err()).extracting(f -> f.get("id").asString()).containsOnly("DRIFT007");
            assertThat(findings(report, "DRIFT007")).extracting(f -> f.get("subject").asString()).containsExactlyInAnyOrder(
                    "policy org_isolation on documents", "privilege SELECT on table organizations to " + reader,
                    "row level security on chunks");

            // when drift.sql is applied and verify runs again
            db.execute(Files.readString(project.resolve("reports/latest/drift.sql")));
            CliRun again = CliRun.run(verify, "--project", project.toString(), "--db-url", db.uri());

            // then no drift is left, and the policy is back as the migrations wrote it
            assertThat(findings(latestReport(project), "DRIFT")).as(again.err()).isEmpty();
            assertThat(db.queryString("SELECT polname FROM pg_policy WHERE polrelid = 'documents'::regclass")).isEqualTo("org_isolation");
            assertThat(db.queryString("SELECT relrowsecurity FROM pg_class WHERE oid = 'chunks'::regclass")).isEqualTo("t");
        } finally {
            db.execute("DROP OWNED BY " + user + ", " + reader, "DROP ROLE IF EXISTS " + user, "DROP ROLE IF EXISTS " + reader);
        }
    }
}
