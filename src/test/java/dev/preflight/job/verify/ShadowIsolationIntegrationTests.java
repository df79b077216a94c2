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
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The shadow replay cannot touch the target's cluster: by default it runs in an isolated cluster,
 * a shadow URL on the target's own cluster is refused, and with --shadow-same-cluster the
 * cluster-global statements are reported, not run. Shadows left by dead runs are dropped.
 */
@ExtendWith(PostgresExtension.class)
class ShadowIsolationIntegrationTests {

    /** Roles are cluster-wide and the test server is shared: every test uses its own role name. */
    private static String role() {
        return "app_reader_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    }

    private static String roles(TestDatabase db) {
        return db.queryString("SELECT string_agg(rolname || ':' || rolcanlogin || ':' || rolsuper, ',' ORDER BY rolname) FROM pg_roles");
    }

    /** The example plus V6 creating a role and V7 dropping it, applied to {@code db}. */
    private static Path projectWithRoleMigrations(TestDatabase db, Path tmp, String role) throws Exception {
        Path project = Projects.copyExample(tmp);
        Files.writeString(project.resolve("migrations/V6__reader_role.sql"), "-- a role the application reads with\nCREATE ROLE " + role + " NOLOGIN;\n");
        Files.writeString(project.resolve("migrations/V7__drop_reader_role.sql"), "DROP ROLE " + role + ";\n");
        VerifyFixtures.migrate(db, project);
        return project;
    }

    @Test
    void roleMigrationsReplayInAnIsolatedClusterAndOrphanShadowsOfDeadRunsAreDropped(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given migrations that create and drop a role, and a target cluster where that role exists (the application's setup made it)
        String role = role();
        Path project = projectWithRoleMigrations(db, tmp, role);
        db.execute("CREATE ROLE " + role + " NOLOGIN");
        // and on the target's server a shadow database whose run is gone, and one whose run still holds its lock
        String dead = "preflight_shadow_dead" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        String live = "preflight_shadow_live" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        db.execute("CREATE DATABASE " + dead, "CREATE DATABASE " + live);
        try (Connection owner = db.connect(); Statement st = owner.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + ShadowDatabase.LOCK_CLASS + ", hashtext('" + live + "'))");
            String before = roles(db);

            // when
            CliRun run = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());

            // then the replay ran cleanly (a replay on the target's cluster fails on "role already exists") and the roles are untouched
            JsonNode report = latestReport(project);
            assertThat(findings(report, "DRIFT00")).as(run.err()).extracting(f -> f.get("id").asString()).containsOnly("DRIFT009");
            assertThat(findings(report, "DRIFT010")).isEmpty();
            assertThat(report.get("verify").get("drift").get("shadowDatabase").asString()).contains("isolated PostgreSQL");
            assertThat(roles(db)).isEqualTo(before).contains(role + ":false:false");
            // and the dead run's shadow is gone and reported (info); the live one stays
            assertThat(db.queryStrings("SELECT datname FROM pg_database WHERE datname IN ('" + dead + "', '" + live + "')"))
                    .containsExactly(live);
            assertThat(findings(report, "DRIFT009")).singleElement().satisfies(f -> {
                assertThat(f.get("subject").asString()).contains(dead);
                assertThat(f.get("severity").asString()).isEqualTo("info");
            });
        } finally {
            db.execute("DROP DATABASE IF EXISTS " + live + " WITH (FORCE)", "DROP DATABASE IF EXISTS " + dead + " WITH (FORCE)",
                    "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aShadowUrlOnTheTargetsOwnClusterIsRefusedUnlessAllowedAndThenGlobalStatementsAreSkipped(TestDatabase db, @TempDir Path tmp)
            throws Exception {
        // given
        String role = role();
        Path project = projectWithRoleMigrations(db, tmp, role);
        String sameCluster = db.url().withDatabase("postgres").secretUri();
        String before = roles(db);

        // when the shadow URL names the target's cluster
        CliRun.run(Map.of("SHADOW_DATABASE_URL", sameCluster), "verify", "--project", project.toString(), "--db-url", db.uri());

        // then it is refused and nothing was replayed
        assertThat(findings(latestReport(project), "DRIFT010")).singleElement()
                .satisfies(f -> assertThat(f.get("message").asString()).contains("target's own cluster", "--shadow-same-cluster"));
        assertThat(roles(db)).isEqualTo(before);

        // when allowed explicitly
        CliRun run = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri(), "--shadow-url", sameCluster,
                "--shadow-same-cluster");

        // then the replay runs there without the cluster-global statements, each reported with file and line
        JsonNode report = latestReport(project);
        assertThat(findings(report, "DRIFT010")).as(run.err()).isEmpty();
        assertThat(findings(report, "DRIFT008")).extracting(f -> f.get("subject").asString())
                .containsExactly("V6__reader_role.sql line 2", "V7__drop_reader_role.sql line 1");
        assertThat(findings(report, "DRIFT00")).extracting(f -> f.get("id").asString()).containsOnly("DRIFT008");
        assertThat(roles(db)).isEqualTo(before);
    }
}
