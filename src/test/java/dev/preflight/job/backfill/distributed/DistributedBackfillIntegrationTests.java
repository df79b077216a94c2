package dev.preflight.job.backfill.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.job.backfill.PrefetchingReaderAccess;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.JarRun;
import dev.preflight.testing.MockOpenAiServer;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One manager and worker processes (the packaged jar, separate JVMs) on a real RabbitMQ
 * (127.0.0.1:5672, reached through a proxy the test can cut) and PostgreSQL, embedding through
 * the mock OpenAI server, which counts provider calls per row; a trigger counts the committed
 * writes per row. Four runs on one database and one set of workers, to keep the JVM starts few: a
 * run with no worker alive (it must fail within the worker timeout, not hang), the run that resumes
 * it, a run with a worker killed (SIGKILL), a run with the broker cut for 10 s then restarted.
 */
@ExtendWith(PostgresExtension.class)
class DistributedBackfillIntegrationTests {

    private static final int ROWS = 50_000;
    private static final int CHUNK = 500;
    /** Rows a killed worker may have embedded without committing: the chunk being written and those read ahead. */
    private static final int IN_FLIGHT = (PrefetchingReaderAccess.AHEAD + 2) * CHUNK;
    private static final int RABBIT = 5672;
    /** --worker-timeout of every manager run: the smallest allowed (three heartbeats), so the no-worker run is short. */
    private static final int WORKER_TIMEOUT = 6;
    /** What a manager with no worker may take beyond the worker timeout: ticks, failing the partitions, the last poll. */
    private static final int NO_WORKER_SLACK = 10;

    private final List<Process> workers = new ArrayList<>();

    @Test
    void failsWithoutWorkersThenBackfillsEveryRowOnceSurvivingAKilledWorkerAndABrokerOutage(TestDatabase db, @TempDir Path tmp) throws Exception {
        try (Socket s = new Socket("127.0.0.1", RABBIT)) {
            assertThat(s.isConnected()).isTrue();
        } catch (java.io.IOException e) {
            throw new AssertionError("RabbitMQ does not answer on 127.0.0.1:" + RABBIT + " (.ci/run starts it): " + e.getMessage());
        }
        try (MockOpenAiServer mock = new MockOpenAiServer(8); CuttableProxy proxy = new CuttableProxy(RABBIT)) {
            Path project = project(tmp, mock, db);
            String broker = "amqp://guest:guest@127.0.0.1:" + proxy.port();
            try {
                // 0. no worker alive: the manager gives up after --worker-timeout, exit 1, naming the cause and the remedy
                JarRun none = managerWithin(Duration.ofMinutes(3), project, db, broker, "dist-0");
                assertThat(none.exitCode()).as(none.output()).isEqualTo(1);
                assertThat(none.output()).contains("no live worker for " + WORKER_TIMEOUT + " s (--worker-timeout)")
                        .contains("start workers with ./preflight worker");
                assertThat(Files.readString(project.resolve("reports/latest/readiness.md"))).contains("no live worker")
                        .contains("./preflight worker");
                JsonNode waited = JsonMapper.builder().build().readTree(project.resolve("reports/latest/readiness.json").toFile())
                        .path("embeddings").path("targets").get(0);
                assertThat(waited.path("status").asString()).isEqualTo("FAILED");
                assertThat(waited.path("durationMs").asLong()).as("the job's time, from its launch to its end")
                        .isBetween(WORKER_TIMEOUT * 1000L, (WORKER_TIMEOUT + NO_WORKER_SLACK) * 1000L);
                assertThat(db.queryLong("SELECT count(*) FROM writes")).isZero();
                assertThat(mock.callsPerRow()).isEmpty();

                workers.add(worker(project, db, broker, "w1"));
                awaitWorkers(db, project, 1);
                workers.add(worker(project, db, broker, "w2"));
                awaitWorkers(db, project, 2);

                // 1. the same command with two workers resumes the failed run: every row embedded and written exactly once,
                //    both workers did part of it (the requests the failed run left in the queue are dropped)
                JarRun a = manager(project, db, broker, "dist-a");
                assertThat(a.exitCode()).as(a.output()).isZero();
                assertThat(a.output()).contains("restarting execution");
                assertThat(db.queryLong("SELECT count(*) FROM items WHERE embedding IS NULL")).isZero();
                assertWrittenOnce(db);
                assertThat(mock.callsPerRow()).hasSize(ROWS).allSatisfy((id, n) -> assertThat(n).as("calls for row " + id).isEqualTo(1));
                JsonNode perWorker = JsonMapper.builder().build().readTree(project.resolve("reports/latest/readiness.json").toFile())
                        .path("embeddings").path("targets").get(0).path("workers");
                assertThat(perWorker).hasSize(2);
                assertThat(perWorker.get(0).path("rows").asLong() + perWorker.get(1).path("rows").asLong()).isEqualTo(ROWS);
                assertThat(perWorker.get(0).path("rows").asLong()).isPositive();
                assertThat(perWorker.get(1).path("rows").asLong()).isPositive();

                // 2. re-embed everything, and kill -9 worker w1 once rows are committed; a new worker w3 joins
                reset(db, mock.delay(100));
                CompletableFuture<JarRun> b = CompletableFuture.supplyAsync(() -> manager(project, db, broker, "dist-b", "--reembed"));
                awaitWrites(db, 8_000, b);
                workers.get(0).destroyForcibly().waitFor();
                Set<String> committed = new HashSet<>(db.queryStrings("SELECT DISTINCT id::text FROM writes"));
                workers.add(worker(project, db, broker, "w3"));
                JarRun bRun = b.get(4, TimeUnit.MINUTES);
                assertThat(bRun.exitCode()).as(bRun.output()).isZero();
                assertThat(bRun.output()).contains("worker w1 lost").contains("rows/s, ETA");
                assertWrittenOnce(db);
                Map<String, Integer> calls = mock.callsPerRow();
                assertThat(calls).hasSize(ROWS);
                committed.forEach(id -> assertThat(calls.get(id)).as("calls for row " + id + ", committed before the kill").isEqualTo(1));
                assertThat(calls.values().stream().filter(n -> n > 1).count()).as("rows the killed worker had embedded, not committed")
                        .isLessThanOrEqualTo(IN_FLIGHT);

                // 3. re-embed again and cut the broker for 10 s (longer than --broker-timeout 5): the run ends FAILED with a clear
                //    finding, the restart finishes it, no row is embedded twice
                reset(db, mock);
                CompletableFuture<JarRun> c = CompletableFuture.supplyAsync(() -> manager(project, db, broker, "dist-c", "--reembed",
                        "--broker-timeout", "5"));
                awaitWrites(db, 3_000, c);
                proxy.cut();
                Thread.sleep(10_000);
                proxy.restore();
                JarRun cRun = c.get(4, TimeUnit.MINUTES);
                assertThat(cRun.exitCode()).as(cRun.output()).isEqualTo(1);
                assertThat(cRun.output()).contains("unreachable").contains("--broker-timeout");
                assertThat(Files.readString(project.resolve("reports/latest/readiness.md"))).contains("unreachable");
                assertThat(db.queryLong("SELECT count(*) FROM writes")).isLessThan(ROWS);
                JarRun restart = JarRun.run(project, Map.of("MOCK_KEY", "k"), "restart", "dist-c", "--project", project.toString(),
                        "--db-url", db.uri(), "--distributed", "--broker-url", broker, "--worker-timeout", String.valueOf(WORKER_TIMEOUT),
                        "--reembed");
                assertThat(restart.exitCode()).as(restart.output()).isZero();
                assertWrittenOnce(db);
                assertThat(mock.callsPerRow()).hasSize(ROWS).allSatisfy((id, n) -> assertThat(n).as("calls for row " + id).isEqualTo(1));
            } finally {
                workers.forEach(Process::destroyForcibly);
            }
        }
    }

    private static Path project(Path dir, MockOpenAiServer mock, TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("migrations/V1__items.sql"), "CREATE EXTENSION IF NOT EXISTS vector;\n"
                + "CREATE TABLE items (id bigint PRIMARY KEY, body text, embedding vector(8));\n");
        Files.writeString(dir.resolve("jobs/preflight.yaml"), "embeddings:\n  provider: openai\n  chunkSize: " + CHUNK + "\n"
                + "  openai: {baseUrl: " + mock.baseUrl() + ", model: mock-embed, apiKeyEnv: MOCK_KEY, maxInputsPerRequest: " + CHUNK
                + "}\n  targets:\n    items: {table: items, text: body, vector: embedding}\n");
        CliRun migrate = CliRun.run("migrate", "--project", dir.toString(), "--db-url", db.uri());
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        db.execute("INSERT INTO items (id, body) SELECT g, 'row-' || g || ': the quick brown fox number ' || g || ' jumps' "
                        + "FROM generate_series(1, " + ROWS + ") g",
                // every committed write of a vector, per row: a row written twice shows up twice
                "CREATE TABLE writes (id bigint NOT NULL)",
                "CREATE FUNCTION count_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO writes VALUES (NEW.id); "
                        + "RETURN NEW; END $$",
                "CREATE TRIGGER count_write AFTER UPDATE OF embedding ON items FOR EACH ROW EXECUTE FUNCTION count_write()");
        return dir;
    }

    private static void reset(TestDatabase db, MockOpenAiServer mock) {
        db.execute("TRUNCATE writes");
        mock.resetCounts();
    }

    private static void assertWrittenOnce(TestDatabase db) {
        assertThat(db.queryLong("SELECT count(*) FROM writes")).as("vector writes").isEqualTo(ROWS);
        assertThat(db.queryLong("SELECT count(DISTINCT id) FROM writes")).as("rows written").isEqualTo(ROWS);
    }

    private static Process worker(Path project, TestDatabase db, String broker, String id) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JarRun.jar().toString(), "worker", "--project", project.toString(), "--db-url", db.uri(), "--broker-url", broker,
                "--worker-id", id).redirectErrorStream(true).redirectOutput(project.resolve(id + ".log").toFile());
        pb.environment().put("MOCK_KEY", "k");
        return pb.start();
    }

    private static List<String> managerArgs(Path project, TestDatabase db, String broker, String runId, String... more) {
        List<String> args = new ArrayList<>(List.of("backfill", "--project", project.toString(), "--db-url", db.uri(), "--distributed",
                "--broker-url", broker, "--partitions", "8", "--worker-timeout", String.valueOf(WORKER_TIMEOUT), "--run-id", runId));
        args.addAll(List.of(more));
        return args;
    }

    /** A manager run that must end within {@code limit} (JVM start included); a hung one is killed and fails the test. */
    private static JarRun managerWithin(Duration limit, Path project, TestDatabase db, String broker, String runId) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JarRun.jar().toString()));
        cmd.addAll(managerArgs(project, db, broker, runId));
        Path log = project.resolve(runId + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MOCK_KEY", "k");
        Process p = pb.start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("backfill --distributed with no worker still ran after " + limit + ": " + Files.readString(log));
        }
        return new JarRun(p.exitValue(), Files.readString(log));
    }

    private static JarRun manager(Path project, TestDatabase db, String broker, String runId, String... more) {
        List<String> args = managerArgs(project, db, broker, runId, more);
        try {
            JarRun run = JarRun.run(project, Map.of("MOCK_KEY", "k"), args.toArray(String[]::new));
            if (run.exitCode() == 2 && run.output().contains("cannot reach the database server")) {
                // a cold JVM on a saturated machine can miss the 10 s connect timeout before doing anything: once more
                run = JarRun.run(project, Map.of("MOCK_KEY", "k"), args.toArray(String[]::new));
            }
            return run;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitWorkers(TestDatabase db, Path project, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            for (int i = 0; i < workers.size(); i++) {
                Path log = project.resolve("w" + (i + 1) + ".log");
                assertThat(workers.get(i).isAlive()).as("worker w%d alive; its log:%n%s", i + 1, Files.exists(log) ? Files.readString(log) : "")
                        .isTrue();
            }
            try {
                if (db.queryLong("SELECT count(*) FROM preflight.backfill_workers WHERE stopped_at IS NULL") >= n) {
                    return;
                }
            } catch (RuntimeException tableNotYetThere) {
                // the first worker creates it
            }
            assertThat(System.nanoTime()).as("workers registered in time").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void awaitWrites(TestDatabase db, long rows, CompletableFuture<JarRun> manager) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (db.queryLong("SELECT count(*) FROM writes") < rows) {
            if (manager.isDone()) {
                throw new AssertionError("the manager ended before " + rows + " rows were written: " + manager.join().output());
            }
            assertThat(System.nanoTime()).as("rows committed in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
