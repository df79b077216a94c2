package dev.preflight.job.verify;

import static dev.preflight.job.verify.VerifyFixtures.findings;
import static dev.preflight.job.verify.VerifyFixtures.latestReport;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.JarRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} during verify's replay leaves the run's isolated shadow cluster running and its
 * history row RUNNING; the next run removes the cluster and reports it, and the killed run reads
 * ABANDONED.
 */
@ExtendWith(PostgresExtension.class)
class VerifyKillIntegrationTests {

    @Test
    void theNextRunRemovesTheKilledRunsShadowAndHistoryShowsItAbandoned(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a migrated database and a pending migration slow enough to kill the replay inside it
        Path project = Projects.copyExample(tmp);
        VerifyFixtures.migrate(db, project);
        Path slow = project.resolve("migrations/V6__slow.sql");
        Files.writeString(slow, "SELECT pg_sleep(120);\n");
        String runId = "killed-verify-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));

        // when verify is killed with SIGKILL while its shadow database exists
        Process p = start(project, db, runId);
        Path cluster = awaitReplay(p, project.resolve("killed.log"));
        String liveness = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 "
                + "AND classid = " + 0x5046524e + "::oid AND objid = hashtext('" + runId + "')::oid"; // RunLiveness's lock
        assertThat(db.queryLong(liveness)).as("the live run holds its liveness lock").isEqualTo(1);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long postmaster = Long.parseLong(Files.readAllLines(cluster.resolve("data/postmaster.pid")).get(0).trim());
        assertThat(alive(postmaster)).as("the killed run's shadow cluster outlives it").isTrue();
        assertThat(db.queryString("SELECT status FROM preflight.run_history WHERE run_id = '" + runId + "'")).isEqualTo("RUNNING");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.queryLong(liveness) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100); // the server notices the dead client's closed socket
        }
        assertThat(db.queryLong(liveness)).as("a killed run's lock is free").isZero();

        // and the next run starts (without the slow file)
        Files.delete(slow);
        CliRun next = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());

        // then the orphan cluster is stopped and gone, and reported
        assertThat(cluster).as(next.err()).doesNotExist();
        long exited = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (alive(postmaster) && System.nanoTime() < exited) {
            Thread.sleep(100); // pg_ctl stop -m immediate returns when the pid file is gone; the process exits just after
        }
        assertThat(alive(postmaster)).isFalse();
        assertThat(findings(latestReport(project), "DRIFT009")).extracting(f -> f.get("subject").asString())
                .anySatisfy(s -> assertThat(s).contains(cluster.getFileName().toString()));

        // and the killed run is ABANDONED, in the table and in history
        assertThat(db.queryString("SELECT status FROM preflight.run_history WHERE run_id = '" + runId + "'")).isEqualTo("ABANDONED");
        CliRun history = CliRun.run("history", "--project", project.toString(), "--db-url", db.uri());
        assertThat(history.out().lines().filter(l -> l.contains(runId))).singleElement().satisfies(l -> assertThat(l).contains("ABANDONED"));
    }

    private static Process start(Path project, TestDatabase db, String runId) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JarRun.jar().toString(), "verify", "--project", project.toString(), "--db-url", db.uri(), "--run-id", runId));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(project.resolve("killed.log").toFile());
        pb.environment().remove("DATABASE_URL");
        pb.environment().remove("SHADOW_DATABASE_URL");
        return pb.start();
    }

    /** Waits until the process logs that it replays on its shadow database; returns its shadow cluster's folder. */
    private static Path awaitReplay(Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Files.exists(log) || !Files.readString(log).contains("verify: replaying")) {
            assertThat(p.isAlive()).as("verify still running: " + (Files.exists(log) ? Files.readString(log) : "")).isTrue();
            assertThat(System.nanoTime()).as("replay started in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        Thread.sleep(500); // inside the slow migration by now
        try (Stream<Path> dirs = Files.list(EmbeddedShadowCluster.folder())) {
            Optional<Path> mine = dirs.filter(d -> d.getFileName().toString().endsWith("-" + p.pid())).findFirst();
            assertThat(mine).as("shadow cluster folder of pid " + p.pid()).isPresent();
            return mine.get();
        }
    }

    /** Alive and not a zombie: a postmaster orphaned by the killed JVM may linger unreaped where PID 1 does not reap. */
    private static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false; // gone between the two looks
        }
    }
}
