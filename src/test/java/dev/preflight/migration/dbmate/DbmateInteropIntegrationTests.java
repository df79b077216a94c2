package dev.preflight.migration.dbmate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.NativeTools;
import dev.preflight.migration.SourceRuns;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Preflight and dbmate 2.36 (the binary the npm package ships) on the same database agree. */
@ExtendWith(PostgresExtension.class)
class DbmateInteropIntegrationTests {

    private static final List<String> VERSIONS = List.of("20250101120000", "20250102120000", "20250103120000", "20250104120000", "20250105120000");

    @Test
    void afterPreflightDbmateHasNothingPending(TestDatabase db, @TempDir Path dir) throws Exception {
        // given
        Path folder = copyFixture(dir);
        DbmateSource source = new DbmateSource(dir, folder);

        // when
        List<String> applied = SourceRuns.applyPending(source, db);
        NativeTools.Run status = NativeTools.dbmate(db.uri(), folder, "status", "--exit-code");
        NativeTools.Run migrate = NativeTools.dbmate(db.uri(), folder, "migrate");

        // then
        assertThat(applied).containsExactlyElementsOf(VERSIONS);
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("Applied: 5").contains("Pending: 0");
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(migrate.output()).doesNotContain("Applying");
        assertThat(columns(db)).isEqualTo("version character varying NO");
        assertThat(db.queryString("SELECT indexdef FROM pg_indexes WHERE indexname = 'chunks_embedding_hnsw'")).contains("USING hnsw");
        assertThat(SourceRuns.applyPending(source, db)).isEmpty();

        // and when a file is added, only it is applied, and dbmate agrees
        Files.writeString(folder.resolve("20250106120000_chunk_tokens.sql"),
                "-- migrate:up\nALTER TABLE chunks ADD COLUMN tokens integer;\n\n-- migrate:down\nALTER TABLE chunks DROP COLUMN tokens;\n");
        assertThat(SourceRuns.applyPending(new DbmateSource(dir, folder), db)).containsExactly("20250106120000");
        NativeTools.Run again = NativeTools.dbmate(db.uri(), folder, "status", "--exit-code");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("Applied: 6").contains("Pending: 0");
    }

    @Test
    void afterDbmatePreflightFindsEverythingApplied(TestDatabase db, @TempDir Path dir) {
        // given
        Path folder = copyFixture(dir);
        NativeTools.Run up = NativeTools.dbmate(db.uri(), folder, "up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        DbmateSource source = new DbmateSource(dir, folder);

        // when
        List<AppliedMigration> history = SourceRuns.history(source, db);

        // then
        assertThat(history).extracting(AppliedMigration::id).containsExactlyElementsOf(VERSIONS);
        assertThat(history).extracting(AppliedMigration::status).containsOnly(AppliedMigration.Status.SUCCESS);
        assertThat(history.get(0).description()).isEqualTo("create_documents");
        assertThat(SourceRuns.applyPending(source, db)).isEmpty();
        assertThat(columns(db)).isEqualTo("version character varying NO");
    }

    @Test
    void dbmateItselfFailsOnConcurrentIndexBesideOtherStatementsWherePreflightSplits(TestDatabase db, @TempDir Path dir) throws Exception {
        // given: a transaction:false section with two statements (dbmate sends them as one multi-statement query)
        Path folder = dir.resolve("db/migrations");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("1_both.sql"), """
                -- migrate:up transaction:false
                CREATE TABLE a (id int);
                CREATE INDEX CONCURRENTLY a_id ON a (id);
                -- migrate:down
                DROP TABLE a;
                """);
        Path nativeDb = dir.resolve("native");
        Projects.copyTree(folder, nativeDb);

        // when
        NativeTools.Run nativeRun = NativeTools.dbmate(db.uri(), nativeDb, "migrate");
        db.execute("DROP TABLE IF EXISTS a", "DROP TABLE IF EXISTS schema_migrations");
        List<String> applied = SourceRuns.applyPending(new DbmateSource(dir, folder), db);

        // then
        assertThat(nativeRun.exitCode()).isNotZero();
        assertThat(nativeRun.output()).contains("CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
        assertThat(applied).containsExactly("1");
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'a_id'")).isEqualTo(1);
    }

    private static Path copyFixture(Path dir) {
        Projects.copyTree(Path.of("src/test/resources/projects/dbmate"), dir);
        return dir.resolve("db/migrations");
    }

    private static String columns(TestDatabase db) {
        return String.join(", ", db.queryStrings("SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name = 'schema_migrations' ORDER BY ordinal_position"));
    }
}
