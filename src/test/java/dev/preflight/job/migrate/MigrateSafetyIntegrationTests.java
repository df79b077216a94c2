package dev.preflight.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import dev.preflight.check.drift.ReplayCheck;
import dev.preflight.check.drift.ShadowReplay;
import dev.preflight.config.EmbeddingsConfig;
import dev.preflight.config.MigrationTimeouts;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.config.RetuneConfig;
import dev.preflight.migration.FlywayMigration;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.report.Finding;
import dev.preflight.report.MigrationStatus.State;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Migrate never hangs and never misreports: CREATE INDEX CONCURRENTLY with no Preflight session
 * idle in transaction, mixed files applied part by part with exact partial results and a
 * resumable re-run, and lock waits ending at the configured timeout naming file, line and blocker.
 */
@ExtendWith(PostgresExtension.class)
class MigrateSafetyIntegrationTests {

    private static final String ORGS = "CREATE TABLE organizations (id int PRIMARY KEY, slug text, name text);\n"
            + "INSERT INTO organizations SELECT g, 'org-' || g, 'Org ' || (g % 50000) FROM generate_series(1, 100000) g;\n";

    @Test
    void createIndexConcurrentlyRunsWhileNoPreflightSessionIsIdleInTransaction(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a database at version 1 (a table with rows) and a V2 holding only CREATE INDEX CONCURRENTLY
        Path project = project(tmp, null);
        write(project, "V1__orgs.sql", ORGS);
        write(project, "V2__slug_index.sql", "-- the usual way to index a live table\nCREATE INDEX CONCURRENTLY organizations_slug_idx ON organizations (slug);\n");
        List<String> idleInTransaction = new CopyOnWriteArrayList<>();
        AtomicInteger buildSeen = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();

        // when migrate runs, while a thread samples pg_stat_activity of the database
        Thread sampler = new Thread(() -> sample(db, done, idleInTransaction, buildSeen));
        sampler.start();
        CliRun r;
        try {
            r = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());
        } finally {
            done.set(true);
            sampler.join();
        }

        // then the index is built and valid, Flyway's history agrees, and no Preflight session waited idle in a transaction
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(db.queryString("SELECT i.indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relname = 'organizations_slug_idx'")).isEqualTo("true");
        assertThat(buildSeen.get()).as("samples taken while the concurrent build ran").isPositive();
        assertThat(idleInTransaction).as("Preflight sessions idle in transaction meanwhile").isEmpty();
        assertThat(flyway(db, project).validateWithResult().validationSuccessful).isTrue();
        assertThat(db.queryString("SELECT string_agg(version || ':' || success, ',' ORDER BY installed_rank) FROM flyway_schema_history"))
                .isEqualTo("1:true,2:true");

        // and the same files replay in verify: DRIFT010 passes and the replayed index matches
        CliRun verify = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        assertThat(checkStatus(report, "DRIFT010")).as(verify.err()).isEqualTo("PASSED");
        assertThat(checkStatus(report, "DRIFT003")).isEqualTo("PASSED");
    }

    @Test
    void copyFromStdinRunsInFlywaysFilesAndInMixedFilesPreflightApplies(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given pg_dump's COPY ... FROM stdin: alone with other transactional statements (Flyway applies the file),
        // and beside a concurrent index (Preflight applies it statement by statement), with a semicolon and $$ in the data
        Path project = project(tmp, null);
        write(project, "V1__dump.sql", "CREATE TABLE t (id int PRIMARY KEY, name text);\nCOPY t (id, name) FROM stdin;\n1\talpha\n2\tbeta;gamma\n\\.\n"
                + "ALTER TABLE t ADD COLUMN note text;\n");
        write(project, "V2__mixed.sql", "CREATE TABLE u (id int, name text);\nCOPY u (id, name) FROM stdin;\n1\t$$one\n\\.\n"
                + "CREATE INDEX CONCURRENTLY u_name ON u (name);\n");

        // when
        CliRun r = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());

        // then every row is loaded, the index is built, and Flyway's history agrees
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(db.queryStrings("SELECT id || ':' || name FROM t ORDER BY id")).containsExactly("1:alpha", "2:beta;gamma");
        assertThat(db.queryStrings("SELECT id || ':' || name FROM u")).containsExactly("1:$$one");
        assertThat(db.queryString("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'u_name'::regclass")).isEqualTo("true");
        assertThat(flyway(db, project).validateWithResult().validationSuccessful).isTrue();

        // and verify replays both files without drift
        CliRun verify = CliRun.run("verify", "--project", project.toString(), "--db-url", db.uri());
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        assertThat(checkStatus(report, "DRIFT010")).as(verify.out() + verify.err()).isEqualTo("PASSED");
        assertThat(checkStatus(report, "DRIFT003")).isEqualTo("PASSED");
    }

    private static String checkStatus(JsonNode report, String id) {
        for (JsonNode c : report.get("checklist")) {
            if (c.get("id").asString().equals(id)) {
                return c.get("status").asString();
            }
        }
        return null;
    }

    @Test
    void mixedFileFailingAfterItsConcurrentBuildSaysWhatTookEffectAndResumesAfterTheRepair(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given V2: a transactional part, a concurrent index, then a unique concurrent index the data violates
        Path project = project(tmp, null);
        write(project, "V1__orgs.sql", ORGS);
        write(project, "V2__mixed.sql", """
                -- transactional part
                CREATE TABLE notes (id int PRIMARY KEY, body text);
                ALTER TABLE organizations ADD COLUMN region text;

                CREATE INDEX CONCURRENTLY organizations_slug_idx ON organizations (slug);

                CREATE UNIQUE INDEX CONCURRENTLY organizations_name_key ON organizations (name);
                """);

        // when
        FlywayMigration.Result failed = migration(db, project, MigrationTimeouts.defaults()).migrate();

        // then the message names the file, the failing line, exactly what took effect, and the repair
        assertThat(failed.error()).as("result").isNotNull();
        assertThat(failed.failedFile()).isEqualTo("V2__mixed.sql");
        assertThat(failed.failedLine()).isEqualTo(7);
        assertThat(failed.error()).contains("migration V2__mixed.sql failed at line 7").contains("could not create unique index")
                .contains("Partially applied: these statements took effect: line 2 (CREATE TABLE notes", "line 3 (ALTER TABLE organizations",
                        "line 5 (CREATE INDEX CONCURRENTLY organizations_slug_idx")
                .contains("this one failed: line 7")
                .contains("It left the invalid index public.organizations_name_key")
                .contains("Repair: DROP INDEX CONCURRENTLY IF EXISTS public.organizations_name_key;")
                .doesNotContain("rolled back; the database stays");
        assertThat(failed.applied()).containsExactly("1");
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version = '2'")).as("nothing recorded as applied").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname IN ('notes', 'organizations_slug_idx')")).isEqualTo(2);

        // when the printed repair is applied, the cause fixed (duplicate names), and migrate runs again
        Matcher repair = Pattern.compile("Repair: (DROP INDEX CONCURRENTLY IF EXISTS \\S+;)").matcher(failed.error());
        assertThat(repair.find()).isTrue();
        db.execute(repair.group(1), "UPDATE organizations SET name = name || ' #' || id");
        FlywayMigration.Result again = migration(db, project, MigrationTimeouts.defaults()).migrate();

        // then it resumes after the statements that took effect and reaches the latest version, which Flyway agrees with
        assertThat(again.error()).isNull();
        assertThat(again.applied()).containsExactly("2");
        assertThat(migration(db, project, MigrationTimeouts.defaults()).state().state()).isEqualTo(State.UP_TO_DATE);
        assertThat(flyway(db, project).validateWithResult().validationSuccessful).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relname = 'organizations_name_key' AND i.indisvalid")).isOne();
        assertThat(db.queryLong("SELECT count(*) FROM preflight.migration_progress")).isZero();
    }

    @Test
    void aFixedStatementResumesButAChangedAppliedStatementIsRefused(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a mixed file whose last, transactional statement is broken
        Path project = project(tmp, null);
        write(project, "V1__notes.sql", "CREATE TABLE notes (id int PRIMARY KEY, body text);\nCREATE INDEX CONCURRENTLY notes_body_idx ON notes (body);\n"
                + "ALTER TABLE no_such_table ADD COLUMN x int;\n");
        FlywayMigration.Result failed = migration(db, project, MigrationTimeouts.defaults()).migrate();
        assertThat(failed.error()).contains("failed at line 3").contains("no_such_table")
                .contains("took effect: line 1 (CREATE TABLE notes", "line 2 (CREATE INDEX CONCURRENTLY notes_body_idx");

        // when a statement that took effect is edited, the re-run refuses and says how to get out
        write(project, "V1__notes.sql", "CREATE TABLE notes (id bigint PRIMARY KEY, body text);\nCREATE INDEX CONCURRENTLY notes_body_idx ON notes (body);\n"
                + "ALTER TABLE notes ADD COLUMN x int;\n");
        FlywayMigration.Result refused = migration(db, project, MigrationTimeouts.defaults()).migrate();
        assertThat(refused.error()).contains("V1__notes.sql failed at line 1").contains("has changed in the file since")
                .contains("DELETE FROM preflight.migration_progress");

        // when only the failed statement is fixed, the re-run resumes and the history row carries the file's Flyway checksum
        write(project, "V1__notes.sql", "CREATE TABLE notes (id int PRIMARY KEY, body text);\nCREATE INDEX CONCURRENTLY notes_body_idx ON notes (body);\n"
                + "ALTER TABLE notes ADD COLUMN x int;\n");
        FlywayMigration.Result fixed = migration(db, project, MigrationTimeouts.defaults()).migrate();
        assertThat(fixed.error()).isNull();
        assertThat(flyway(db, project).validateWithResult().validationSuccessful).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'x'")).isOne();
    }

    @Test
    void aLockHeldByAnotherSessionEndsMigrateAtTheLockTimeoutNamingFileLineAndBlocker(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a database at version 1, and another session holding a lock on the table V2 alters
        Path project = project(tmp, "migrations:\n  lockTimeout: 1s\n");
        write(project, "V1__orgs.sql", "CREATE TABLE organizations (id int PRIMARY KEY, slug text);\n");
        assertThat(migration(db, project, MigrationTimeouts.defaults()).migrate().error()).isNull();
        write(project, "V2__region.sql", "-- a column\n\nALTER TABLE organizations ADD COLUMN region text;\n");
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // its snapshot is what a concurrent build waits for
            int holderPid = pid(holder);
            st.execute("SELECT count(*) FROM organizations"); // holds ACCESS SHARE until the transaction ends

            // when migrate runs
            CliRun r = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());

            // then its migrate step ends soon after the 1 s lock timeout with MIG002 at the file and line, naming the blocking pid
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(stepMillis(project, "migrateFlywayStep")).isLessThan(15_000);
            JsonNode mig002 = finding(project, "MIG002");
            assertThat(mig002.get("file").asString()).isEqualTo("migrations/V2__region.sql");
            assertThat(mig002.get("line").asInt()).isEqualTo(3);
            assertThat(mig002.get("message").asString()).contains("lock timeout").contains("blocked by pid " + holderPid)
                    .contains("idle in transaction").contains("SELECT count(*) FROM organizations");

            // and a concurrent index build waiting for the same transaction ends the same way, its invalid index named for repair
            write(project, "V2__region.sql", "CREATE INDEX CONCURRENTLY organizations_slug_idx ON organizations (slug);\n");
            FlywayMigration.Result cic = migration(db, project, new MigrationTimeouts(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1)))
                    .migrate();
            assertThat(cic.error()).contains("V2__region.sql failed at line 1").contains("blocked by pid " + holderPid)
                    .contains("DROP INDEX CONCURRENTLY IF EXISTS public.organizations_slug_idx;");
            holder.rollback();
        }
    }

    @Test
    void theOtherLayoutsKeepTheConfiguredLockTimeoutAndNameTheBlockerToo(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a golang-migrate project at version 1 with a 1 s lock timeout, and a session holding a lock on the table 2 alters
        Path project = project(tmp, "migrations:\n  lockTimeout: 1s\n");
        write(project, "1_orgs.up.sql", "CREATE TABLE organizations (id int PRIMARY KEY, slug text);\n");
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        write(project, "2_region.up.sql", "CREATE TABLE regions (id int);\nALTER TABLE organizations ADD COLUMN region text;\n");
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            int holderPid = pid(holder);
            st.execute("SELECT count(*) FROM organizations");

            // when migrate runs
            CliRun r = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());

            // then it gives up after the configured second (it waited a hard-coded 30 s before), naming line and blocker
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(stepMillis(project, "migrateFlywayStep")).isLessThan(15_000);
            assertThat(finding(project, "MIG002").get("message").asString()).contains("2_region.up.sql failed at line 2")
                    .contains("lock timeout").contains("blocked by pid " + holderPid);
            holder.rollback();
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'regions'")).isZero(); // rolled back whole
    }

    @Test
    void flywaysRefusalOfAMixedRepeatableMigrationNamesFileAndLineInDrift010(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a repeatable migration mixing a table and a concurrent index (Flyway applies repeatables itself and refuses this)
        Path project = project(tmp, null);
        write(project, "V1__notes.sql", "CREATE TABLE notes (id int PRIMARY KEY);\n");
        write(project, "R__mixed.sql", "CREATE TABLE r (id int);\n\nCREATE INDEX CONCURRENTLY r_idx ON r (id);\n");

        // when it is replayed
        FlywayMigration.Result r = migration(db, project, MigrationTimeouts.defaults()).migrate();
        Finding drift010 = new ReplayCheck()
                .run(CheckContext.of(null, null, ProjectLayout.of(project), MigrationFiles.read(project.resolve("migrations")))
                .with(new ShadowReplay("the migrations do not replay on an empty database: " + r.error(), List.of(), List.of(), List.of()))).get(0);

        // then the message and the DRIFT010 finding name the file and the offending line
        assertThat(r.error()).contains("migration R__mixed.sql failed at line 3").contains("non-transactional");
        assertThat(drift010.file()).isEqualTo("migrations/R__mixed.sql");
        assertThat(drift010.line()).isEqualTo(3);
    }

    @Test
    void aWholeRunBoundedByADeadlineIsCancelledAndSaysWhere(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a migration that would run for five minutes, under a 30 min statement timeout
        Path project = project(tmp, null);
        write(project, "V1__slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(300);\n");

        // when the run as a whole may take 2 s (verify's replay passes migrations.replayTimeout)
        long t0 = System.nanoTime();
        FlywayMigration.Result r = migration(db, project, MigrationTimeouts.defaults()).migrate(Duration.ofSeconds(2));
        long millis = (System.nanoTime() - t0) / 1_000_000;

        // then it ends soon after (the rest is Flyway's own start), naming the bound, the file and the line it was cancelled at
        assertThat(r.error()).contains("did not finish within 2 s (migrations.replayTimeout)").contains("V1__slow.sql failed at line 2");
        assertThat(millis).isLessThan(60_000);
    }

    // --- helpers

    private static void sample(TestDatabase db, AtomicBoolean done, List<String> idleInTransaction, AtomicInteger buildSeen) {
        String sql = "SELECT pid, state, clock_timestamp() - state_change > interval '250 ms', query FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'preflight%'";
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            while (!done.get()) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        String state = rs.getString(2);
                        if ("active".equals(state) && rs.getString(4).startsWith("CREATE INDEX CONCURRENTLY")) {
                            buildSeen.incrementAndGet();
                        }
                        if (state != null && state.startsWith("idle in transaction") && rs.getBoolean(3)) {
                            idleInTransaction.add("pid " + rs.getInt(1) + ": " + rs.getString(4));
                        }
                    }
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            idleInTransaction.add("sampler failed: " + e);
        }
    }

    private static Path project(Path tmp, String preflightYaml) throws Exception {
        Files.createDirectories(tmp.resolve("migrations"));
        if (preflightYaml != null) {
            Files.createDirectories(tmp.resolve("jobs"));
            Files.writeString(tmp.resolve("jobs/preflight.yaml"), preflightYaml);
        }
        return tmp;
    }

    private static void write(Path project, String name, String sql) throws Exception {
        Files.writeString(project.resolve("migrations").resolve(name), sql);
    }

    private static DataSource dataSource(TestDatabase db) {
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.postgresql.Driver(), db.url().jdbcUrl());
        ds.setConnectionProperties(db.url().connectionProperties());
        return ds;
    }

    private static FlywayMigration migration(TestDatabase db, Path project, MigrationTimeouts timeouts) {
        ProjectConfig config = new ProjectConfig(Map.of(), "public", "flyway_schema_history", Map.of(), RetuneConfig.defaults(),
                EmbeddingsConfig.defaults(), timeouts, null, null);
        return new FlywayMigration(dataSource(db), MigrationFiles.read(project.resolve("migrations")), config);
    }

    /** Plain Flyway over the same files: what a team's own {@code flyway validate} would say. */
    private static Flyway flyway(TestDatabase db, Path project) {
        return Flyway.configure().dataSource(dataSource(db)).locations("filesystem:" + project.resolve("migrations")).load();
    }

    private static int pid(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long stepMillis(Path project, String step) throws Exception {
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        for (JsonNode s : report.get("steps")) {
            if (s.get("step").asString().equals(step)) {
                return s.get("durationMs").asLong();
            }
        }
        throw new AssertionError("no step " + step + " in " + report.get("steps"));
    }

    private static JsonNode finding(Path project, String id) throws Exception {
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        for (JsonNode f : report.get("findings")) {
            if (f.get("id").asString().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + id + " in " + report.get("findings"));
    }

}
