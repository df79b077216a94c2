package dev.preflight.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The executor on a real database: what took effect, what rolled back, who blocked it, what it left. */
@ExtendWith(PostgresExtension.class)
class MigrationExecutorIntegrationTests {

    @Test
    void aFailureAfterAConcurrentBuildReportsExactlyWhatTookEffect(TestDatabase db) throws Exception {
        // given: a transactional run, a concurrent index, then a run whose second statement fails
        List<SqlStatement> statements = SqlSplitter.split("""
                CREATE TABLE t (id int PRIMARY KEY, v text);
                INSERT INTO t VALUES (1, 'a'), (2, 'a');
                CREATE INDEX CONCURRENTLY t_v_idx ON t (v);
                CREATE TABLE u (id int);
                INSERT INTO u VALUES ('not a number');
                """);
        List<Integer> progress = new ArrayList<>();

        // when
        MigrationExecutor.Result r;
        try (Connection c = db.connect()) {
            r = new MigrationExecutor(Duration.ofSeconds(5), Duration.ofMinutes(1))
                    .apply(c, statements, null, (conn, done) -> done.forEach(s -> progress.add(s.line())));
        }

        // then the first run and the index took effect, the last run rolled back as a whole, and progress saw exactly the committed
        assertThat(r.success()).isFalse();
        assertThat(r.partial()).isTrue();
        assertThat(r.committed()).extracting(SqlStatement::line).containsExactly(1, 2, 3);
        assertThat(r.failed().line()).isEqualTo(5);
        assertThat(r.rolledBack()).extracting(SqlStatement::line).containsExactly(4, 5);
        assertThat(progress).containsExactly(1, 2, 3);
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname IN ('t', 't_v_idx')")).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'u'")).isZero();
        assertThat(r.describe("V9__x.sql")).startsWith("migration V9__x.sql failed at line 5: ")
                .contains("Partially applied: these statements took effect: line 1 (CREATE TABLE t", "line 3 (CREATE INDEX CONCURRENTLY t_v_idx")
                .contains("rolled back with it: line 4");
    }

    @Test
    void anInvalidIndexAnInterruptedBuildLeftIsDroppedAndBuiltAgain(TestDatabase db) throws Exception {
        // given: the invalid index an interrupted CREATE INDEX CONCURRENTLY leaves (here: a unique build on duplicates)
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a'), (2, 'a')");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE UNIQUE INDEX CONCURRENTLY t_v_key ON t (v)");
        } catch (java.sql.SQLException expected) {
            // the duplicate fails the build and leaves t_v_key invalid
        }
        assertThat(db.queryString("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't_v_key'::regclass")).isEqualTo("false");
        db.execute("UPDATE t SET v = 'b' WHERE id = 2");

        // when: the same statement runs again (a re-run after the interruption)
        MigrationExecutor.Result r;
        try (Connection c = db.connect()) {
            r = new MigrationExecutor(Duration.ofSeconds(5), Duration.ofMinutes(1))
                    .apply(c, SqlSplitter.split("-- the build\nCREATE UNIQUE INDEX CONCURRENTLY t_v_key ON t (v);\n"), null);
        }

        // then: it succeeds (not "relation already exists"), and the index is valid
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        assertThat(db.queryString("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't_v_key'::regclass")).isEqualTo("true");
        // and a valid index of that name is left alone: the statement fails as it should
        try (Connection c = db.connect()) {
            MigrationExecutor.Result again = new MigrationExecutor(Duration.ofSeconds(5), Duration.ofMinutes(1))
                    .apply(c, SqlSplitter.split("CREATE UNIQUE INDEX CONCURRENTLY t_v_key ON t (v);\n"), null);
            assertThat(again.success()).isFalse();
            assertThat(again.error().getMessage()).contains("already exists");
        }
    }

    @Test
    void aLockWaitEndsAtTheLockTimeoutNamingTheBlockerAndTheInvalidIndexLeft(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a'), (2, 'a')");
        SimpleDriverDataSource watcherSource = new SimpleDriverDataSource(new org.postgresql.Driver(), db.url().jdbcUrl());
        watcherSource.setConnectionProperties(db.url().connectionProperties());
        try (Connection holder = db.connect(); Statement st = holder.createStatement(); Connection c = db.connect()) {
            // given another session in a repeatable-read transaction that has read the table
            holder.setAutoCommit(false);
            holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            st.execute("SELECT count(*) FROM t");
            int holderPid;
            try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                holderPid = rs.getInt(1);
            }

            // when a concurrent index build must wait for it
            long t0 = System.nanoTime();
            MigrationExecutor.Result r = new MigrationExecutor(Duration.ofSeconds(1), Duration.ofMinutes(1)).watching(watcherSource)
                    .apply(c, SqlSplitter.split("CREATE INDEX CONCURRENTLY t_v_idx ON t (v);"), null);
            long millis = (System.nanoTime() - t0) / 1_000_000;

            // then it ends at the lock timeout, names the blocking session, and the invalid index to drop
            assertThat(r.timedOut()).isTrue();
            assertThat(millis).isLessThan(10_000);
            assertThat(r.blockers()).extracting(BlockingSession::pid).contains(holderPid);
            assertThat(r.invalidIndexes()).containsExactly("public.t_v_idx");
            assertThat(r.repair()).containsExactly("DROP INDEX CONCURRENTLY IF EXISTS public.t_v_idx;");
            assertThat(r.describe("V2__idx.sql")).contains("failed at line 1").contains("blocked by pid " + holderPid)
                    .contains("idle in transaction").contains("Nothing of it took effect");
            holder.rollback();
        }
    }
}
