package dev.preflight.job.verify;

import static dev.preflight.job.verify.VerifyFixtures.findings;
import static dev.preflight.job.verify.VerifyFixtures.latestReport;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.db.Connections;
import dev.preflight.embedded.EmbeddedPostgres;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code --shadow-url} on another server: the replay runs there, and leaves that server's roles and databases as it found them. */
@ExtendWith(PostgresExtension.class)
class ShadowUrlIntegrationTests {

    private static String query(EmbeddedPostgres pg, String sql) throws Exception {
        try (Connection c = Connections.open(pg.adminUrl()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aShadowUrlOnAnotherServerReplaysThereAndDropsWhatTheReplayCreated(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a migration that creates a role (and never drops it), applied to the target
        String role = "app_reader_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        Path project = Projects.copyExample(tmp.resolve("project"));
        Files.writeString(project.resolve("migrations/V6__reader_role.sql"), "CREATE ROLE " + role + " NOLOGIN;\n"
                + "GRANT SELECT ON organizations TO " + role + ";\n");
        try (EmbeddedPostgres other = EmbeddedPostgres.start(tmp.resolve("other"), false, "other")) {
            VerifyFixtures.migrate(db, project);
            String roles = "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles";
            String before = query(other, roles);

            // when the replay runs on the other server
            CliRun run = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri(), "--shadow-url", other.adminUrl().secretUri());

            // then it replayed cleanly there, and the role it created and its shadow database are gone again
            JsonNode report = latestReport(project);
            assertThat(findings(report, "DRIFT0")).as(run.err()).isEmpty();
            assertThat(report.get("verify").get("drift").get("shadowDatabase").asString()).contains("the shadow server");
            assertThat(query(other, roles)).isEqualTo(before).doesNotContain(role);
            assertThat(query(other, "SELECT count(*) FROM pg_database WHERE datname LIKE 'preflight_shadow_%'")).isEqualTo("0");
        } finally {
            db.execute("DROP OWNED BY " + role, "DROP ROLE IF EXISTS " + role);
        }
    }
}
