package dev.preflight.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.JarRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of migrate inside a slow migration: the server cancels the orphaned statement within seconds (it
 * checks that the client is still there), so nothing holds Flyway's lock, and {@code ./preflight restart RUN} resumes
 * the killed run (its job execution, left STARTED by the dead process, is recovered as FAILED and restarted).
 */
@ExtendWith(PostgresExtension.class)
class MigrateKillIntegrationTests {

    @Test
    void aKilledMigrateIsResumedByRestartAndLeavesNoStatementRunning(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given: the example migrated, and migrate running a pending migration slow enough to kill inside it
        Path project = Projects.copyExample(tmp);
        Path slow = project.resolve("migrations/V6__slow.sql");
        String runId = "killed-migrate-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        Process p = migrateIntoASleep(project, db, runId, "killed.log");

        // when: migrate is killed with SIGKILL while the server sleeps in V6
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        // then: the orphaned statement is cancelled within seconds, not after 300 s, and V6 left nothing behind
        long cancelled = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (db.queryLong(SLEEPING) > 0 && System.nanoTime() < cancelled) {
            Thread.sleep(100);
        }
        assertThat(db.queryLong(SLEEPING)).as("the killed run's statement is gone").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'before_sleep'")).isZero();

        // when: the migration is fixed and the run restarted
        Files.writeString(slow, "CREATE TABLE after_restart (id int);\n");
        CliRun restart = CliRun.run("restart", runId, "--project", project.toString(), "--db-url", db.uri());

        // then: the same run completes V6, its first execution recorded FAILED, the second COMPLETED
        assertThat(restart.exitCode()).as(restart.err()).isIn(0, 1);
        assertThat(restart.err()).contains("recorded as FAILED, and resumed").doesNotContain("already running");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'after_restart'")).isEqualTo(1);
        assertThat(db.queryStrings("SELECT e.status FROM preflight.batch_job_execution e JOIN preflight.batch_job_instance i "
                + "USING (job_instance_id) JOIN preflight.batch_job_execution_params p USING (job_execution_id) "
                + "WHERE i.job_name = 'migrate' AND p.parameter_name = 'run.id' AND p.parameter_value = '" + runId + "' "
                + "ORDER BY e.job_execution_id")).containsExactly("FAILED", "COMPLETED");
    }

    @Test
    void sigtermCancelsTheRunningMigrationReportsTheStopAndTheRunResumes(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given: the example migrated, and migrate running a pending migration that sleeps for five minutes
        Path project = Projects.copyExample(tmp);
        Path slow = project.resolve("migrations/V6__slow.sql");
        String runId = "stopped-migrate-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        Process p = migrateIntoASleep(project, db, runId, "stopped.log");
        // another session of the same role whose statement a signal to Preflight must not touch
        java.util.concurrent.atomic.AtomicLong bystanderRows = new java.util.concurrent.atomic.AtomicLong(-1);
        Thread bystander = new Thread(() -> bystanderRows.set(db.queryLong("SELECT count(*) FROM pg_sleep(4)")));
        bystander.start();
        Thread.sleep(300);

        // when: migrate gets SIGTERM while the server sleeps in V6
        p.destroy();

        // then: it exits within seconds, not after 300 s, having cancelled V6 (rolled back) and written a report that says so
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits promptly after SIGTERM").isTrue();
        String log = Files.readString(project.resolve("stopped.log"));
        assertThat(p.exitValue()).as(log).isEqualTo(143);
        assertThat(log).contains("stopping on a signal");
        assertThat(db.queryLong(SLEEPING)).as("no statement of the stopped run is left running").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'before_sleep'")).isZero();
        assertThat(db.queryString("SELECT max(version) FROM flyway_schema_history")).isEqualTo("5");
        String report = Files.readString(project.resolve("reports/" + runId + "/readiness.json"));
        assertThat(report).contains("\"RUN001\"").contains("stopped on a signal").contains("cancelled because the run was stopped on a signal")
                .contains("\"verdict\" : \"NOT_READY\"");
        bystander.join(10_000);
        assertThat(bystanderRows.get()).as("the other session's statement ran to its end").isEqualTo(1);

        // when: the migration is fixed and the run restarted, then it completes
        Files.writeString(slow, "CREATE TABLE after_restart (id int);\n");
        CliRun restart = CliRun.run("restart", runId, "--project", project.toString(), "--db-url", db.uri());
        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertThat(db.queryString("SELECT max(version) FROM flyway_schema_history")).isEqualTo("6");
    }

    private static final String SLEEPING = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(300)%' AND state = 'active'";

    /** Migrates the example, adds a V6 that sleeps 300 s, and returns migrate's process once the server sleeps in V6. */
    private static Process migrateIntoASleep(Path project, TestDatabase db, String runId, String log) throws Exception {
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        Files.writeString(project.resolve("migrations/V6__slow.sql"), "CREATE TABLE before_sleep (id int);\nSELECT pg_sleep(300);\n");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JarRun.jar().toString(), "migrate", "--project", project.toString(), "--db-url", db.uri(), "--run-id", runId))
                .redirectErrorStream(true).redirectOutput(project.resolve(log).toFile());
        pb.environment().remove("DATABASE_URL");
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (db.queryLong(SLEEPING) == 0) {
            assertThat(p.isAlive()).as(Files.readString(project.resolve(log))).isTrue();
            assertThat(System.nanoTime()).as("V6 reached in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        return p;
    }
}
