package dev.preflight.job.retune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The retune job against a real PostgreSQL + pgvector, on synthetic clustered data. */
@ExtendWith(PostgresExtension.class)
class RetuneIntegrationTests {

    static final int ROWS = 20_000;
    static final String INDEX = "items_embedding_idx";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** pg_db_role_setting is cluster-wide: settings of this test's database only. */
    private static final String THIS_DATABASE = "(SELECT oid FROM pg_database WHERE datname = current_database())";

    /** A one-migration project: the table and an IVFFlat index built while it is empty, as NeonHub's migrations do. */
    static Path project(Path dir, String retuneYaml) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("migrations/V1__items.sql"), """
                CREATE EXTENSION IF NOT EXISTS vector;
                CREATE TABLE items (id bigserial PRIMARY KEY, embedding vector(384));
                CREATE INDEX items_embedding_idx ON items USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);
                """);
        Files.writeString(dir.resolve("jobs/preflight.yaml"), retuneYaml == null ? "" : "retune:\n" + retuneYaml);
        return dir;
    }

    static void migrateAndLoad(Path project, TestDatabase db) throws Exception {
        CliRun migrate = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        try (Connection c = db.connect()) {
            new ClusteredVectors(7, 100).load(c, "items", "embedding", ROWS);
            c.createStatement().execute("ANALYZE items");
        }
    }

    static CliRun retune(Path project, TestDatabase db, String... more) {
        List<String> args = new ArrayList<>(List.of("retune", "--project", project.toString(), "--db-url", db.uri()));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    static JsonNode report(Path project) throws Exception {
        return JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
    }

    static JsonNode tuning(JsonNode report, String index) {
        for (JsonNode t : report.get("vectorIndexTuning").get("indexes")) {
            if (t.get("name").asString().equals(index)) {
                return t;
            }
        }
        throw new AssertionError("no tuning for " + index + " in " + report.get("vectorIndexTuning"));
    }

    static double recallAt(JsonNode measurement, int probes) {
        for (JsonNode p : measurement.get("ladder")) {
            if (p.get("probes").asInt() == probes) {
                return p.get("recall").asDouble();
            }
        }
        throw new AssertionError("probes=" + probes + " not measured: " + measurement);
    }

    static long oid(TestDatabase db) {
        return db.queryLong("SELECT '" + INDEX + "'::regclass::oid");
    }

    static void assertOriginalIntact(TestDatabase db, long oidBefore) {
        assertThat(oid(db)).isEqualTo(oidBefore);
        assertThat(db.queryString("SELECT indisvalid::text FROM pg_index WHERE indexrelid = '" + INDEX + "'::regclass")).isEqualTo("true");
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
        assertThat(db.queryStrings("SELECT relname FROM pg_class WHERE relname LIKE '%retune%'")).isEmpty();
    }

    /** Recall@10 of the index at {@code probes} against exact search, on query vectors the job did not use. */
    static double independentRecall(TestDatabase db, int probes) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            List<String> queries = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT embedding::text FROM items WHERE id % 397 = 0 LIMIT 40")) {
                while (rs.next()) {
                    queries.add(rs.getString(1));
                }
            }
            double sum = 0;
            for (String q : queries) {
                Set<Long> exact = top10(c, "SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off", q);
                Set<Long> approx = top10(c, "SET LOCAL ivfflat.probes = " + probes, q);
                approx.retainAll(exact);
                sum += approx.size() / 10.0;
            }
            return sum / queries.size();
        }
    }

    private static Set<Long> top10(Connection c, String settings, String q) throws Exception {
        Set<Long> ids = new HashSet<>();
        try (Statement st = c.createStatement()) {
            st.execute(settings);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM items ORDER BY embedding <=> ?::vector LIMIT 10")) {
                ps.setString(1, q);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        }
        c.commit();
        return ids;
    }

    @Test
    void untrainedIndexIsRebuiltOnlineWhileWritesContinueAndReachesTheTarget(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given an IVFFlat index built on the empty table, then 20,000 clustered vectors, and a writer inserting all along
        Path project = project(tmp, "  lockTimeout: 2s\n");
        migrateAndLoad(project, db);
        long oidBefore = oid(db);
        try (ConcurrentWriter writer = ConcurrentWriter.start(db)) {

            // when
            CliRun run = retune(project, db, "--target-recall", "0.95");

            // then: low recall found, rebuilt with the recommended lists, target met at the chosen probes
            writer.stop();
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode t = tuning(report(project), INDEX);
            assertThat(t.get("decision").asString()).isEqualTo("REBUILT");
            assertThat(t.get("reason").asString()).contains("below the target");
            assertThat(recallAt(t.get("before"), 10)).isLessThan(0.9); // probes = sqrt(lists = 100)
            assertThat(t.get("after").get("lists").asInt()).isEqualTo(20).isEqualTo((int) db.queryLong("SELECT (regexp_match(array_to_string(reloptions, ','), 'lists=(\\d+)'))[1]::int FROM pg_class WHERE relname = '" + INDEX + "'"));
            assertThat(t.get("after").get("buildMillis").asLong()).isPositive();
            int probes = t.get("chosenProbes").asInt();
            double reported = t.get("recallAtChosen").asDouble();
            assertThat(reported).isGreaterThanOrEqualTo(0.95);
            assertThat(oid(db)).isNotEqualTo(oidBefore);
            assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
            assertThat(db.queryStrings("SELECT relname FROM pg_class WHERE relname LIKE '%retune%'")).isEmpty();
            // and an independent exact-vs-index measurement agrees with the report
            assertThat(independentRecall(db, probes)).isCloseTo(reported, org.assertj.core.data.Offset.offset(0.05));
            // and the writer was never blocked beyond the swap's lock timeout
            assertThat(writer.inserted()).isGreaterThan(20);
            assertThat(writer.maxMillis()).isLessThan(2_000 + 1_000);
            assertThat(report(project).get("checklist").findValuesAsString("id")).contains("IDX101", "IDX102", "IDX103", "IDX104");
            assertThat(Files.readString(project.resolve("reports/latest/readiness.json"))).doesNotContain("IDX000");
        }
    }

    @Test
    void dryRunMeasuresAndRecommendsButChangesNothing(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the untrained index
        Path project = project(tmp, null);
        migrateAndLoad(project, db);
        long oidBefore = oid(db);

        // when an index that does not exist is named, then it is a usage error listing the real ones
        CliRun unknown = retune(project, db, "--index", "no_such_idx");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--index no_such_idx", INDEX);

        // when
        CliRun run = retune(project, db, "--dry-run", "--apply-probes", "--index", "public." + INDEX);

        // then: a rebuild is recommended, with its reason, and nothing changed
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = report(project);
        JsonNode t = tuning(report, INDEX);
        assertThat(t.get("decision").asString()).isEqualTo("REBUILD");
        assertThat(t.get("reason").asString()).startsWith("dry run, would rebuild with lists=20");
        assertThat(t.get("after") == null || t.get("after").isNull()).as("no after-measurement in a dry run").isTrue();
        assertOriginalIntact(db, oidBefore);
        assertThat(db.queryLong("SELECT count(*) FROM pg_db_role_setting WHERE setdatabase = " + THIS_DATABASE)).isZero();
        assertThat(report.get("findings").findValuesAsString("id")).contains("IDX102");
        assertThat(report.get("vectorIndexTuning").get("probesNote").asString()).startsWith("recommended, not applied (dry run)");
    }

    @Test
    void wellBuiltIndexIsLeftAloneAndSmallTablesAreLeftToExactSearch(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given an index built after the data, with the recommended lists, and a small table with its own index
        Path project = project(tmp, null);
        migrateAndLoad(project, db);
        db.execute("DROP INDEX " + INDEX,
                "CREATE INDEX " + INDEX + " ON items USING ivfflat (embedding vector_cosine_ops) WITH (lists = 20)",
                "CREATE TABLE notes (id serial PRIMARY KEY, v vector(3))",
                "INSERT INTO notes (v) SELECT ARRAY[random(), random(), random()]::vector FROM generate_series(1, 300)",
                "CREATE INDEX notes_v_idx ON notes USING ivfflat (v vector_l2_ops) WITH (lists = 10)");
        long oidBefore = oid(db);

        // when
        CliRun run = retune(project, db, "--compare-hnsw", "--apply-probes");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = report(project);
        JsonNode t = tuning(report, INDEX);
        assertThat(t.get("decision").asString()).isEqualTo("KEEP");
        assertThat(t.get("reason").asString()).contains("left alone");
        assertOriginalIntact(db, oidBefore);
        JsonNode small = tuning(report, "notes_v_idx");
        assertThat(small.get("decision").asString()).isEqualTo("EXACT_IS_FASTER");
        assertThat(small.get("reason").asString()).contains("exact search is faster here");
        // HNSW was compared on a copy and dropped
        JsonNode hnsw = t.get("hnsw");
        assertThat(hnsw.get("buildMillis").asLong()).isPositive();
        assertThat(hnsw.get("efSearchLadder").size()).isPositive();
        assertThat(hnsw.get("verdict").asString()).contains("suits");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'retune_hnsw%'")).isZero();
        // the chosen probes were applied to the database
        int probes = t.get("chosenProbes").asInt();
        assertThat(db.queryStrings("SELECT unnest(setconfig) FROM pg_db_role_setting WHERE setdatabase = " + THIS_DATABASE))
                .contains("ivfflat.probes=" + probes);
        assertThat(report.get("vectorIndexTuning").get("probesApplied").asBoolean()).isTrue();
        assertThat(report.get("findings").findValuesAsString("id")).doesNotContain("IDX101", "IDX102", "IDX103", "IDX104");
    }

    @Test
    void rebuildThatFailsForLackOfMemoryLeavesTheOriginalValid(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a maintenance_work_mem cap too small for k-means on 384 dimensions
        Path project = project(tmp, "  maintenanceWorkMemCap: 1MB\n");
        migrateAndLoad(project, db);
        long oidBefore = oid(db);

        // when
        CliRun run = retune(project, db);

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode t = tuning(report(project), INDEX);
        assertThat(t.get("decision").asString()).isEqualTo("REBUILD_FAILED");
        assertThat(t.get("error").asString()).contains("original index is unchanged", "maintenance_work_mem");
        assertOriginalIntact(db, oidBefore);
        assertThat(report(project).get("findings").findValuesAsString("id")).contains("IDX103");
    }

    @Test
    void whatAnInterruptedRetuneLeftIsReportedWithADropThatClearsIt(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given: what a killed retune leaves that is valid: the finished duplicate of a concurrent build, and a measuring copy
        Path project = project(tmp, null);
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        db.execute("CREATE INDEX items_embedding_idx_retune_tmp ON items USING ivfflat (embedding vector_cosine_ops) WITH (lists = 1)",
                "CREATE TABLE preflight.retune_holdout_4242 (v vector(384))");

        // when
        CliRun dryRun = retune(project, db, "--dry-run");

        // then: both named by IDX103 (high), each with the statement that removes it
        assertThat(dryRun.exitCode()).as(dryRun.err()).isEqualTo(1);
        List<JsonNode> leftovers = report(project).get("findings").valueStream().filter(f -> f.get("id").asString().equals("IDX103")).toList();
        assertThat(leftovers).extracting(f -> f.get("subject").asString())
                .containsExactlyInAnyOrder("index items_embedding_idx_retune_tmp", "table preflight.retune_holdout_4242");
        for (JsonNode f : leftovers) {
            String remedy = f.get("remedy").asString();
            db.execute(remedy.contains(" (") ? remedy.substring(0, remedy.indexOf(" (")) : remedy);
        }
        retune(project, db, "--dry-run");
        assertThat(report(project).get("findings").findValuesAsString("id")).doesNotContain("IDX103");
    }

    @Test
    void lockTimeoutDuringTheSwapLeavesTheOriginalValid(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given another session holding a lock on the index that the rename needs (but the concurrent build does not)
        Path project = project(tmp, "  lockTimeout: 300ms\n  swapAttempts: 2\n");
        migrateAndLoad(project, db);
        long oidBefore = oid(db);
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("COMMENT ON INDEX " + INDEX + " IS 'held by the test'");

            // when
            CliRun run = retune(project, db);

            // then
            assertThat(run.exitCode()).isEqualTo(1);
            JsonNode t = tuning(report(project), INDEX);
            assertThat(t.get("decision").asString()).isEqualTo("REBUILD_FAILED");
            assertThat(t.get("error").asString()).contains("swapping names (attempt 2 of 2", "lock timeout");
            holder.rollback();
        }
        assertOriginalIntact(db, oidBefore);
    }
}
