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
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class GitReadinessIntegrationTests {

    private static final PersonIdent WHO = new PersonIdent("Test", "test@example.com");

    @Test
    void anUntrackedMigrationIsABlockerUntilItIsCommitted(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a project committed to git, then a new migration that is applied but not committed
        Path project = Projects.copyExample(tmp);
        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
            Files.writeString(project.resolve(".gitignore"), "reports/\n.preflight/\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("NeonHub schema").setAuthor(WHO).setCommitter(WHO).call();
            Files.writeString(project.resolve("migrations/V6__brand_region.sql"), "ALTER TABLE brands ADD COLUMN region TEXT;\n");

            // when the gate migrates and verifies
            CliRun gate = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

            // then: NOT_READY, the blocker names the file
            var report = latestReport(project);
            assertThat(gate.exitCode()).as(gate.err()).isEqualTo(1);
            assertThat(report.get("verdict").asString()).isEqualTo("NOT_READY");
            assertThat(findings(report, "GIT001")).singleElement().satisfies(f -> {
                assertThat(f.get("severity").asString()).isEqualTo("blocker");
                assertThat(f.get("subject").asString()).isEqualTo("migration migrations/V6__brand_region.sql");
                assertThat(f.get("actual").asString()).isEqualTo("untracked");
            });
            assertThat(findings(report, "DRIFT")).isEmpty();
            assertThat(report.get("verify").get("git").get("branch").asString()).isEqualTo("main");

            // when it is committed and verify runs again
            git.add().addFilepattern("migrations/V6__brand_region.sql").call();
            git.commit().setMessage("brand region").setAuthor(WHO).setCommitter(WHO).call();
            CliRun verify = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());

            // then the blocker is gone and the comparison lists it as fixed
            var after = latestReport(project);
            assertThat(findings(after, "GIT")).isEmpty();
            assertThat(after.get("verdict").asString()).as(verify.err()).isNotEqualTo("NOT_READY");
            assertThat(after.get("verify").get("comparison").get("fixed").findValuesAsString("id")).contains("GIT001");
        }
    }

    @Test
    void aTrackedEnvFileIsAFindingAndNoRepositoryIsAFindingNotACrash(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a project outside any git repository
        Path project = Projects.copyExample(tmp);
        VerifyFixtures.migrate(db, project);

        // when
        CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());

        // then: GIT004, and the file checks are NOT_RUN rather than PASSED
        var report = latestReport(project);
        assertThat(findings(report, "GIT004")).hasSize(1);
        assertThat(VerifyFixtures.outcomes(report, "GIT00")).filteredOn(o -> !o.get("id").asString().equals("GIT004"))
                .extracting(o -> o.get("status").asString()).containsOnly("NOT_RUN").hasSize(3);

        // when a .env with the database password is committed and verify runs in CI without DATABASE_URL
        try (Git git = Git.init().setDirectory(project.toFile()).call()) {
            Files.writeString(project.resolve(".env"), "DATABASE_URL=postgresql://neonhub:s3cret@localhost/neonhub\n");
            Files.writeString(project.resolve(".gitignore"), "reports/\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("all").setAuthor(WHO).setCommitter(WHO).call();
        }
        CliRun ci = CliRun.run(Map.of("CI", "true"), "verify", "--project", project.toString(), "--db-url", db.uri());

        // then GIT003 names the file, CI002 says DATABASE_URL is missing, and no secret is printed anywhere
        var second = latestReport(project);
        assertThat(findings(second, "GIT003")).singleElement().satisfies(f -> assertThat(f.get("subject").asString()).isEqualTo("file .env"));
        assertThat(findings(second, "CI002")).extracting(f -> f.get("subject").asString()).contains("DATABASE_URL");
        assertThat(second.get("verify").get("ci").get("databaseUrlSet").asBoolean()).isFalse();
        assertThat(Files.readString(project.resolve("reports/latest/readiness.json")) + ci.out() + ci.err()).doesNotContain("s3cret");
    }
}
