package dev.preflight.migration.postgrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.Migration;
import dev.preflight.migration.SourceProblem;
import dev.preflight.migration.SqlStatement;
import dev.preflight.migration.SqlStatement.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgratorSourceTests {

    private static final Path FIXTURE = Path.of("src/test/resources/projects/postgrator");

    @Test
    void readsTheDoFilesInVersionOrderWithPostgratorsNameAndChecksum() {
        // when
        List<Migration> m = new PostgratorSource(FIXTURE, FIXTURE.resolve("migrations")).migrations();

        // then: undo files are not migrations; the id is the number as Postgrator stores it
        assertThat(m).extracting(Migration::id).containsExactly("1", "2", "3", "4", "5");
        assertThat(m).extracting(Migration::description)
                .containsExactly("create_documents", "create_chunks", "document_source", "chunks_embedding_index", "create_feedback");
        // the value postgrator 8's fileChecksum() gives for this file (node -e ... fileChecksum(...))
        assertThat(m.get(0).checksum()).isEqualTo("d9501225a452c49243e1bd9165b05cae");
        assertThat(m.get(3).statements()).extracting(SqlStatement::mode).containsExactly(Mode.NON_TRANSACTIONAL);
        assertThat(m.get(3).statements().get(0).line()).isEqualTo(1);
        assertThat(m.get(1).statements()).extracting(SqlStatement::line).containsExactly(1, 8);
    }

    @Test
    void checksumIsTheMd5OfTheTextAsNodeDecodesIt() {
        // BOM and CRLF kept, nothing trimmed: the values postgrator 8 computed for these bytes
        assertThat(PostgratorChecksum.md5(utf8(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';', '\r', '\n', ' ', ' ', '\n'})))
                .isEqualTo("307ac7fb90ce73da5c9f488b7d0cf8a1");
        // invalid UTF-8 becomes U+FFFD before hashing, in Node as in Java
        byte[] latin = "SELECT 1; -- caf? ?? ?\n".getBytes(StandardCharsets.US_ASCII);
        latin[16] = (byte) 0xe9;
        latin[18] = (byte) 0xe2;
        latin[19] = (byte) 0x82;
        latin[21] = (byte) 0xff;
        assertThat(PostgratorChecksum.md5(utf8(latin))).isEqualTo("28255804b09e4a3a552fee09c3647489");
    }

    @Test
    void nameIsTheThirdDottedPartAndOtherFilesAreSkipped(@TempDir Path dir) throws Exception {
        // given
        Files.writeString(dir.resolve("010.do.add.users.table.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("2.do.sql"), "SELECT 2;");
        Files.writeString(dir.resolve("000.do.zero.sql"), "SELECT 0;");
        Files.writeString(dir.resolve("README.sql"), "not a migration");
        Files.writeString(dir.resolve("notes.txt"), "");

        // when
        List<Migration> m = new PostgratorSource(dir, dir).migrations();

        // then
        assertThat(m).extracting(Migration::id).containsExactly("2", "10");
        assertThat(m).extracting(Migration::description).containsExactly("", "add");
        assertThat(m.get(1).file()).isEqualTo(dir.resolve("010.do.add.users.table.sql").toAbsolutePath());
    }

    @Test
    void twoFilesWithTheSameVersionAndActionAreRefusedNamingBoth(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1.do.a.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("001.do.b.sql"), "SELECT 1;");

        assertThatThrownBy(() -> new PostgratorSource(dir, dir).migrations()).isInstanceOf(PreflightException.class)
                .hasMessageContaining("version 1").hasMessageContaining("001.do.b.sql").hasMessageContaining("1.do.a.sql");
    }

    @Test
    void javascriptMigrationsAreRefusedWithARemedy(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("001.do.seed.js"), "module.exports.generateSql = () => 'SELECT 1'");

        assertThatThrownBy(() -> new PostgratorSource(dir, dir).migrations()).isInstanceOf(PreflightException.class)
                .hasMessageContaining("001.do.seed.js is JavaScript");
    }

    @Test
    void acceptsAFolderWithADoFileOnly(@TempDir Path dir) throws Exception {
        assertThat(PostgratorSource.accepts(FIXTURE.resolve("migrations"))).isTrue();
        assertThat(PostgratorSource.accepts(Path.of("src/test/resources/projects/golang-migrate/db/migrations"))).isFalse();
        assertThat(PostgratorSource.accepts(Path.of("src/test/resources/projects/dbmate/db/migrations"))).isFalse();
        assertThat(PostgratorSource.accepts(Path.of("migrations"))).isFalse();
        Files.writeString(dir.resolve("001.undo.x.sql"), "SELECT 1;");
        assertThat(PostgratorSource.accepts(dir)).isFalse();
    }

    @Test
    void historyTableIsQualified() {
        assertThat(new PostgratorSource(FIXTURE, FIXTURE).historyTable()).isEqualTo("public.schemaversion");
        assertThat(new PostgratorSource(FIXTURE, FIXTURE, "app", "Migrations").historyTable()).isEqualTo("app.\"Migrations\"");
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void aConcurrentIndexBesideOtherStatementsIsAProblemBecausePostgratorSendsTheFileAsOneQuery(@TempDir Path dir) throws Exception {
        // given
        Files.writeString(dir.resolve("001.do.both.sql"), "CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n");
        Files.writeString(dir.resolve("002.do.alone.sql"), "CREATE INDEX CONCURRENTLY a_id2 ON a (id);\n");

        // when
        List<SourceProblem> problems = new PostgratorSource(dir, dir).problems();

        // then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("001.do.both.sql");
            assertThat(p.message()).contains("001.do.both.sql line 2").contains("Postgrator itself fails");
        });
        assertThat(new PostgratorSource(FIXTURE, FIXTURE.resolve("migrations")).problems()).isEmpty();
    }

}
