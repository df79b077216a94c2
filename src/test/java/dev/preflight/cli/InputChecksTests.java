package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs are checked before anything runs (issue 13, cases 3, 5 and 8): exit 2 and one line on
 * stderr, no raw Java exception. The database URL given points nowhere on purpose: reaching it
 * would mean the check came too late.
 */
class InputChecksTests {

    private static final String NOWHERE = "postgresql://u:secret-pw-1@127.0.0.1:1/db";

    private static void assertOneLineUsageError(CliRun run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(expected).doesNotContain("Exception").doesNotContain("cannot reach");
    }

    @Test
    void aFileInTheWayOfTheReportsFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("reports"), "in the way");
        assertOneLineUsageError(CliRun.run("report", "--project", dir.toString(), "--db-url", NOWHERE), "reports folder reports is a file");
        assertOneLineUsageError(CliRun.run("report", "--project", dir.toString(), "--db-url", NOWHERE, "--reports", "/proc/preflight-reports"),
                "cannot be written");
        assertOneLineUsageError(CliRun.run("report", "--project", dir.toString(), "--db-url", NOWHERE, "--reports",
                dir.resolve("x".repeat(300)).toString()), "cannot be written");
    }

    @Test
    void unsafeRunIds(@TempDir Path dir) {
        for (String id : new String[] {"..", "a/b", "x".repeat(300)}) {
            assertOneLineUsageError(CliRun.run("report", "--project", dir.toString(), "--db-url", NOWHERE, "--run-id", id), "run id");
        }
        assertOneLineUsageError(CliRun.run("restart", "../etc", "--project", dir.toString(), "--db-url", NOWHERE), "run id");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void configurationErrorsNameTheLine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/preflight.yaml"), "embeddings:\n  provider: local\n  chunkSize: lots\n");
        assertOneLineUsageError(CliRun.run("migrate", "--project", dir.toString(), "--db-url", NOWHERE), "jobs/preflight.yaml line 3:");
    }

    @Test
    void aMalformedPortIsOneLineWithoutTheUrl(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__t.sql"), "CREATE TABLE t (id int);\n");
        CliRun run = CliRun.run("status", "--project", dir.toString(), "--db-url", "postgresql://u:secret-pw-1@localhost:99999/db");
        assertOneLineUsageError(run, "invalid port '99999'");
        assertThat(run.err()).doesNotContain("secret-pw-1");
    }

    /**
     * A step's own checks (migrate's migrations, verify's smoke suite) run in its session's opening now, alongside the
     * Spring context's start: still before the database is resolved. With no URL given, reaching that point would start
     * an embedded PostgreSQL; nothing may be written either.
     */
    @Test
    void aStepsOwnChecksFailBeforeTheDatabaseIsResolved(@TempDir Path dir) throws Exception {
        CliRun migrate = CliRun.run("migrate", "--project", dir.toString());
        assertOneLineUsageError(migrate, "migrate needs the project's migrations");
        assertThat(migrate.err()).doesNotContain("embedded PostgreSQL");

        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__t.sql"), "CREATE TABLE t (id int);\n");
        Files.createDirectories(dir.resolve("jobs/checks"));
        Files.writeString(dir.resolve("jobs/checks/broken.yaml"), "checks:\n  - id: [unclosed\n");
        CliRun verify = CliRun.run("verify", "--project", dir.toString());
        assertOneLineUsageError(verify, "broken.yaml");
        assertThat(verify.err()).doesNotContain("embedded PostgreSQL");
        assertThat(dir.resolve("reports")).doesNotExist();
    }
}
