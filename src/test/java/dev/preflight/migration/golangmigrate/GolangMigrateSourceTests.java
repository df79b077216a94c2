package dev.preflight.migration.golangmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.Migration;
import dev.preflight.migration.SourceProblem;
import dev.preflight.migration.SqlStatement;
import dev.preflight.migration.SqlStatement.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GolangMigrateSourceTests {

    private static final Path FIXTURE = Path.of("src/test/resources/projects/golang-migrate");

    @Test
    void readsTheUpFilesInVersionOrder() throws Exception {
        // when
        List<Migration> m = new GolangMigrateSource(FIXTURE, FIXTURE.resolve("db/migrations")).migrations();

        // then: the id is the version as the bigint column holds it; golang-migrate keeps no checksum, so the checksum is
        // Preflight's own (for preflight.applied_checksums): SHA-256 of the .up.sql file, as sha256sum prints it
        assertThat(m).extracting(Migration::id).containsExactly("1", "2", "3", "4", "5");
        assertThat(m).extracting(Migration::description)
                .containsExactly("create_documents", "create_chunks", "document_source", "chunks_embedding_index", "create_feedback");
        assertThat(m.get(2).checksum()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(FIXTURE.resolve("db/migrations/000003_document_source.up.sql")))));
        assertThat(m.get(3).statements()).extracting(SqlStatement::mode).containsExactly(Mode.NON_TRANSACTIONAL);
        assertThat(m.get(4).statements()).hasSize(2);
    }

    @Test
    void versionsSortNumericallyAndOtherNamesAreSkipped(@TempDir Path dir) throws Exception {
        // given
        Files.writeString(dir.resolve("10_ten.up.sql"), "SELECT 10;");
        Files.writeString(dir.resolve("9_nine.up.sql"), "SELECT 9;");
        Files.writeString(dir.resolve("9_nine.down.sql"), "SELECT -9;");
        Files.writeString(dir.resolve("V1__flyway.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("11_eleven.up.json"), "{}");

        // when
        List<Migration> m = new GolangMigrateSource(dir, dir).migrations();

        // then
        assertThat(m).extracting(Migration::id).containsExactly("9", "10");
    }

    @Test
    void duplicateVersionsAreRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1_a.up.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("001_b.up.sql"), "SELECT 1;");

        assertThatThrownBy(() -> new GolangMigrateSource(dir, dir).migrations()).isInstanceOf(PreflightException.class)
                .hasMessageContaining("version 1").hasMessageContaining("001_b.up.sql").hasMessageContaining("1_a.up.sql");
    }

    @Test
    void acceptsAFolderWithAnUpFile() {
        assertThat(GolangMigrateSource.accepts(FIXTURE.resolve("db/migrations"))).isTrue();
        assertThat(GolangMigrateSource.accepts(Path.of("src/test/resources/projects/postgrator/migrations"))).isFalse();
        assertThat(GolangMigrateSource.accepts(Path.of("src/test/resources/projects/dbmate/db/migrations"))).isFalse();
        assertThat(GolangMigrateSource.accepts(Path.of("migrations"))).isFalse();
    }

    @Test
    void dirtyRemedyNamesGolangMigratesForceWithBothVersions() {
        String remedy = new GolangMigrateSource(FIXTURE, FIXTURE.resolve("db/migrations")).dirtyRemedy(4);

        assertThat(remedy).contains("migrate -path db/migrations -database \"$DATABASE_URL\" force 4").contains("'force 3'");
    }

    @Test
    void historyTableIsQualified() {
        assertThat(new GolangMigrateSource(FIXTURE, FIXTURE).historyTable()).isEqualTo("public.schema_migrations");
    }

    @Test
    void aConcurrentIndexBesideOtherStatementsIsAProblemBecauseGolangMigrateSendsTheFileAsOneQuery(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1_both.up.sql"), "CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n");

        List<SourceProblem> problems = new GolangMigrateSource(dir, dir).problems();

        assertThat(problems).singleElement().extracting(SourceProblem::message).asString()
                .contains("1_both.up.sql line 2").contains("golang-migrate itself fails");
        assertThat(new GolangMigrateSource(FIXTURE, FIXTURE.resolve("db/migrations")).problems()).isEmpty();
    }

}
