package dev.preflight.migration.postgrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.Migration;
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

/** Preflight and Postgrator 8 (the npm package, run with node) on the same database agree. */
@ExtendWith(PostgresExtension.class)
class PostgratorInteropIntegrationTests {

    private static final String COLUMNS = "version bigint NO, name text YES, md5 text YES, run_at timestamp with time zone YES";

    @Test
    void afterPreflightPostgratorAppliesNothingAndItsChecksumsValidate(TestDatabase db, @TempDir Path dir) throws Exception {
        // given
        Path folder = copyFixture(dir);
        PostgratorSource source = new PostgratorSource(dir, folder);

        // when
        List<String> applied = SourceRuns.applyPending(source, db);
        NativeTools.Run postgrator = NativeTools.postgrator(db.uri(), folder);

        // then
        assertThat(applied).containsExactly("1", "2", "3", "4", "5");
        assertThat(postgrator.exitCode()).as(postgrator.output()).isZero();
        assertThat(postgrator.output()).contains("{\"before\":5,\"after\":5,\"applied\":[]}");
        assertThat(columns(db)).isEqualTo(COLUMNS);
        assertThat(db.queryStrings("SELECT version || ' ' || coalesce(name, '-') FROM schemaversion ORDER BY version"))
                .containsExactly("0 -", "1 create_documents", "2 create_chunks", "3 document_source", "4 chunks_embedding_index", "5 create_feedback");
        assertThat(db.queryString("SELECT indexdef FROM pg_indexes WHERE indexname = 'chunks_embedding_hnsw'")).contains("USING hnsw");
        assertThat(SourceRuns.applyPending(source, db)).isEmpty();

        // and when a file is added, only it is applied, and Postgrator still agrees
        Files.writeString(folder.resolve("006.do.chunk_tokens.sql"), "ALTER TABLE chunks ADD COLUMN tokens integer;\n");
        assertThat(SourceRuns.applyPending(new PostgratorSource(dir, folder), db)).containsExactly("6");
        NativeTools.Run again = NativeTools.postgrator(db.uri(), folder);
        assertThat(again.output()).as(again.output()).contains("{\"before\":6,\"after\":6,\"applied\":[]}");

        // and when an applied file is edited, Postgrator's own validation fails, and Preflight's checksum differs from the row
        Files.writeString(folder.resolve("003.do.document_source.sql"), "ALTER TABLE documents ADD COLUMN source text;\n");
        PostgratorSource edited = new PostgratorSource(dir, folder);
        NativeTools.Run refused = NativeTools.postgrator(db.uri(), folder);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("MD5 checksum failed for migration [3]");
        AppliedMigration row = SourceRuns.history(edited, db).stream().filter(h -> h.id().equals("3")).findFirst().orElseThrow();
        Migration local = edited.migrations().get(2);
        assertThat(row.checksum()).isEqualTo(source.migrations().get(2).checksum()).isNotEqualTo(local.checksum());
        assertThat(local.checksum()).isEqualTo(PostgratorChecksum.md5("ALTER TABLE documents ADD COLUMN source text;\n"));
    }

    @Test
    void afterPostgratorPreflightFindsEverythingAppliedWithMatchingChecksums(TestDatabase db, @TempDir Path dir) {
        // given
        Path folder = copyFixture(dir);
        NativeTools.Run postgrator = NativeTools.postgrator(db.uri(), folder);
        assertThat(postgrator.output()).as(postgrator.output()).contains("\"applied\":[1,2,3,4,5]");
        PostgratorSource source = new PostgratorSource(dir, folder);

        // when
        List<AppliedMigration> history = SourceRuns.history(source, db);

        // then
        assertThat(history).extracting(AppliedMigration::id).containsExactly("1", "2", "3", "4", "5");
        assertThat(history).extracting(AppliedMigration::checksum)
                .containsExactlyElementsOf(source.migrations().stream().map(Migration::checksum).toList());
        assertThat(history).extracting(AppliedMigration::status).containsOnly(AppliedMigration.Status.SUCCESS);
        assertThat(history).allMatch(h -> h.appliedOn() != null);
        assertThat(columns(db)).isEqualTo(COLUMNS);
        assertThat(SourceRuns.applyPending(source, db)).isEmpty();
    }

    private static Path copyFixture(Path dir) {
        Projects.copyTree(Path.of("src/test/resources/projects/postgrator"), dir);
        return dir.resolve("migrations");
    }

    static String columns(TestDatabase db) {
        return String.join(", ", db.queryStrings("SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name = 'schemaversion' ORDER BY ordinal_position"));
    }
}
