package dev.preflight.migration.golangmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.SourceRuns;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * golang-migrate is a Go binary with no npm or Debian package here, so these tests hold Preflight
 * to its documented and source-level PostgreSQL format (database/postgres/postgres.go:
 * ensureVersionTable, SetVersion, Version; migrate.go: dirty before a migration, clean after).
 */
@ExtendWith(PostgresExtension.class)
class GolangMigrateIntegrationTests {

    @Test
    void appliesAllThenNothingThenTheNewFileKeepingOneCleanVersionRow(TestDatabase db, @TempDir Path dir) throws Exception {
        // given
        Path folder = copyFixture(dir);
        GolangMigrateSource source = new GolangMigrateSource(dir, folder);

        // when
        List<String> applied = SourceRuns.applyPending(source, db);

        // then: the table golang-migrate creates, holding one row: the newest version, clean
        assertThat(applied).containsExactly("1", "2", "3", "4", "5");
        assertThat(columns(db)).isEqualTo("version bigint NO, dirty boolean NO");
        assertThat(db.queryString("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
                + "WHERE i.indrelid = 'public.schema_migrations'::regclass AND i.indisprimary")).isEqualTo("version");
        assertThat(db.queryStrings("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("5 false");
        assertThat(db.queryString("SELECT indexdef FROM pg_indexes WHERE indexname = 'chunks_embedding_hnsw'")).contains("USING hnsw");
        assertThat(SourceRuns.applyPending(source, db)).isEmpty();

        // and when a file is added, only it is applied
        Files.writeString(folder.resolve("000006_chunk_tokens.up.sql"), "ALTER TABLE chunks ADD COLUMN tokens integer;\n");
        assertThat(SourceRuns.applyPending(new GolangMigrateSource(dir, folder), db)).containsExactly("6");
        assertThat(db.queryStrings("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("6 false");
    }

    @Test
    void aDatabaseMigratedByGolangMigrateIsFullyApplied(TestDatabase db, @TempDir Path dir) throws Exception {
        // given: what golang-migrate leaves after 'migrate up': its table and one clean row for the last version
        Path folder = copyFixture(dir);
        db.execute("CREATE TABLE IF NOT EXISTS \"public\".\"schema_migrations\" (version bigint not null primary key, dirty boolean not null)");
        for (int v = 1; v <= 5; v++) {
            List<String> ups;
            try (var files = Files.list(folder)) {
                ups = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".up.sql")).sorted().toList();
            }
            String body = Files.readString(folder.resolve(ups.get(v - 1)));
            runAsGolangMigrate(db, body);
            db.execute("TRUNCATE \"public\".\"schema_migrations\"", "INSERT INTO \"public\".\"schema_migrations\" (version, dirty) VALUES (" + v + ", false)");
        }
        GolangMigrateSource source = new GolangMigrateSource(dir, folder);

        // when
        List<AppliedMigration> history = SourceRuns.history(source, db);

        // then
        assertThat(history).extracting(AppliedMigration::id).containsExactly("1", "2", "3", "4", "5");
        assertThat(history).extracting(AppliedMigration::status).containsOnly(AppliedMigration.Status.SUCCESS);
        assertThat(SourceRuns.applyPending(source, db)).isEmpty();
    }

    @Test
    void aFailedMigrationLeavesItsVersionDirtyAsGolangMigrateDoes(TestDatabase db, @TempDir Path dir) throws Exception {
        // given
        Path folder = copyFixture(dir);
        Files.writeString(folder.resolve("000006_broken.up.sql"), "ALTER TABLE chunks ADD COLUMN tokens integer;\nALTER TABLE nowhere ADD COLUMN x int;\n");
        GolangMigrateSource source = new GolangMigrateSource(dir, folder);

        // when
        assertThatThrownBy(() -> SourceRuns.applyPending(source, db)).hasMessageContaining("migration 6 failed");

        // then: golang-migrate would now refuse with "Dirty database version 6. Fix and force version."
        assertThat(db.queryStrings("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("6 true");
        List<AppliedMigration> history = SourceRuns.history(source, db);
        assertThat(history.get(history.size() - 1)).extracting(AppliedMigration::id, AppliedMigration::status)
                .containsExactly("6", AppliedMigration.Status.DIRTY);
        assertThat(history.subList(0, 5)).extracting(AppliedMigration::status).containsOnly(AppliedMigration.Status.SUCCESS);
        assertThat(source.dirtyRemedy(6)).contains("force 6").contains("'force 5'");
        // the transactional part rolled back with the failure: nothing of version 6 remains
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'chunks' AND column_name = 'tokens'")).isZero();
    }

    @Test
    void golangMigrateRunsAFileAsOneExecSoConcurrentIndexBesideOtherStatementsFailsWherePreflightSplits(TestDatabase db, @TempDir Path dir)
            throws Exception {
        // given
        Path folder = dir.resolve("migrations");
        Files.createDirectories(folder);
        String both = "CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n";
        Files.writeString(folder.resolve("1_both.up.sql"), both);

        // when / then: one multi-statement exec, as golang-migrate's postgres driver sends the file
        assertThatThrownBy(() -> runAsGolangMigrate(db, both)).hasMessageContaining("cannot run inside a transaction block");
        assertThat(SourceRuns.applyPending(new GolangMigrateSource(dir, folder), db)).containsExactly("1");
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'a_id'")).isEqualTo(1);
    }

    /** golang-migrate's postgres driver (lib/pq): the whole file in one ExecContext, a simple-protocol query, in autocommit. */
    private static void runAsGolangMigrate(TestDatabase db, String body) throws SQLException {
        Properties props = db.url().connectionProperties();
        props.setProperty("preferQueryMode", "simple");
        try (Connection c = DriverManager.getConnection(db.url().jdbcUrl(), props); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute(body);
        }
    }

    private static Path copyFixture(Path dir) {
        Projects.copyTree(Path.of("src/test/resources/projects/golang-migrate"), dir);
        return dir.resolve("db/migrations");
    }

    private static String columns(TestDatabase db) {
        return String.join(", ", db.queryStrings("SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name = 'schema_migrations' ORDER BY ordinal_position"));
    }
}
