package dev.preflight.migration.dbmate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.check.SeverityPolicy;
import dev.preflight.check.lint.LintIssue;
import dev.preflight.check.lint.StaticAnalysis;
import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.Migration;
import dev.preflight.migration.SourceProblem;
import dev.preflight.migration.SqlStatement;
import dev.preflight.migration.SqlStatement.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbmateSourceTests {

    private static final Path FIXTURE = Path.of("src/test/resources/projects/dbmate");

    @Test
    void readsTheUpSectionsInFileOrder() {
        // when
        List<Migration> m = new DbmateSource(FIXTURE, FIXTURE.resolve("db/migrations")).migrations();

        // then: the version is the digits as written; the down section is not applied
        assertThat(m).extracting(Migration::id)
                .containsExactly("20250101120000", "20250102120000", "20250103120000", "20250104120000", "20250105120000");
        assertThat(m.get(0).description()).isEqualTo("create_documents");
        assertThat(m.get(0).statements()).extracting(SqlStatement::line).containsExactly(2, 4);
        assertThat(m.get(3).statements()).extracting(SqlStatement::mode).containsExactly(Mode.NON_TRANSACTIONAL);
        assertThat(m.get(4).statements()).extracting(SqlStatement::sql).noneMatch(s -> s.contains("DROP"));
    }

    @Test
    void theChecksumCoversTheUpSectionOnly(@TempDir Path dir) throws Exception {
        // given
        String text = "-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n";
        Files.writeString(dir.resolve("1_a.sql"), text);
        String original = new DbmateSource(dir, dir).migrations().get(0).checksum();

        // when the down section changes, then the up section
        Files.writeString(dir.resolve("1_a.sql"), text.replace("DROP TABLE a;", "DROP TABLE IF EXISTS a;"));
        String downEdited = new DbmateSource(dir, dir).migrations().get(0).checksum();
        Files.writeString(dir.resolve("1_a.sql"), text.replace("id int", "id bigint"));
        String upEdited = new DbmateSource(dir, dir).migrations().get(0).checksum();

        // then: SHA-256 of the text from the '-- migrate:up' line to '-- migrate:down'; what was never applied does not count
        assertThat(original).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("-- migrate:up\nCREATE TABLE a (id int);\n\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(downEdited).isEqualTo(original);
        assertThat(upEdited).isNotEqualTo(original);
    }

    @Test
    void sectionsAreFoundAsDbmateFindsThem(@TempDir Path dir) throws Exception {
        // given: a comment before the up line is allowed, the directive needs no space after --
        Files.writeString(dir.resolve("003_x.sql"), """
                -- why this migration exists
                --migrate:up   transaction:false
                CREATE TABLE a (id int);
                CREATE INDEX CONCURRENTLY a_id ON a (id);
                -- migrate:down
                DROP TABLE a;
                """);

        // when
        Migration m = new DbmateSource(dir, dir).migrations().get(0);

        // then
        assertThat(m.statements()).extracting(SqlStatement::line).containsExactly(3, 4);
        assertThat(m.statements()).extracting(SqlStatement::mode).containsExactly(Mode.TRANSACTIONAL, Mode.NON_TRANSACTIONAL);
        assertThat(DbmateSections.transactional(Files.readString(dir.resolve("003_x.sql")))).isFalse();
        assertThat(DbmateSections.transactional("-- migrate:up\nSELECT 1;\n-- migrate:down\n")).isTrue();
    }

    @Test
    void filesDbmateRefusesAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        assertRefused(dir, "-- migrate:up\nSELECT 1;\n", "has no '-- migrate:down' section");
        assertRefused(dir, "-- migrate:down\nSELECT 1;\n", "has no '-- migrate:up' section");
        assertRefused(dir, "-- migrate:down\nSELECT 1;\n-- migrate:up\nSELECT 2;\n", "before '-- migrate:up'");
        assertRefused(dir, "-- ok\nCREATE TABLE x (id int);\n-- migrate:up\nSELECT 1;\n-- migrate:down\n", "statement before '-- migrate:up' (line 2)");
    }

    private static void assertRefused(Path dir, String text, String message) throws Exception {
        Files.writeString(dir.resolve("1_bad.sql"), text);
        assertThatThrownBy(() -> new DbmateSource(dir, dir).migrations()).isInstanceOf(PreflightException.class)
                .hasMessageContaining("1_bad.sql").hasMessageContaining(message);
    }

    @Test
    void duplicateVersionsAreRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1_a.sql"), "-- migrate:up\n-- migrate:down\n");
        Files.writeString(dir.resolve("1_b.sql"), "-- migrate:up\n-- migrate:down\n");

        assertThatThrownBy(() -> new DbmateSource(dir, dir).migrations()).isInstanceOf(PreflightException.class)
                .hasMessageContaining("version 1");
    }

    @Test
    void acceptsAFolderWithAnUpDirective() {
        assertThat(DbmateSource.accepts(FIXTURE.resolve("db/migrations"))).isTrue();
        assertThat(DbmateSource.accepts(Path.of("src/test/resources/projects/postgrator/migrations"))).isFalse();
        assertThat(DbmateSource.accepts(Path.of("src/test/resources/projects/golang-migrate/db/migrations"))).isFalse();
        assertThat(DbmateSource.accepts(Path.of("migrations"))).isFalse();
    }

    @Test
    void historyTableIsQualified() {
        assertThat(new DbmateSource(FIXTURE, FIXTURE).historyTable()).isEqualTo("public.schema_migrations");
    }

    @Test
    void aConcurrentIndexDbmateCannotRunIsAProblem(@TempDir Path dir) throws Exception {
        // given: one in a transactional section, one beside another statement in a transaction:false section
        Files.writeString(dir.resolve("1_tx.sql"), "-- migrate:up\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n-- migrate:down\n");
        Files.writeString(dir.resolve("2_both.sql"), "-- migrate:up transaction:false\nCREATE TABLE b (id int);\nCREATE INDEX CONCURRENTLY b_id ON b (id);\n-- migrate:down\n");
        Files.writeString(dir.resolve("3_alone.sql"), "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY c_id ON b (id);\n-- migrate:down\n");

        // when
        List<SourceProblem> problems = new DbmateSource(dir, dir).problems();

        // then
        assertThat(problems).extracting(SourceProblem::file).containsExactly("1_tx.sql", "2_both.sql");
        assertThat(problems.get(0).remedy()).contains("transaction:false");
        assertThat(problems.get(1).message()).contains("2_both.sql line 3").contains("dbmate itself fails");
        assertThat(new DbmateSource(FIXTURE, FIXTURE.resolve("db/migrations")).problems()).isEmpty();
    }

    @Test
    void lint003SeesTheTransactionDbmateWrapsASectionIn(@TempDir Path dir) throws Exception {
        // given: a concurrent index alone in a transactional section, and one alone in a transaction:false section
        Files.writeString(dir.resolve("1_tx.sql"), "-- migrate:up\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n-- migrate:down\n");
        Files.writeString(dir.resolve("2_alone.sql"), "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY b_id ON a (id);\n-- migrate:down\n");
        DbmateSource source = new DbmateSource(dir, dir);

        // when
        List<LintIssue> issues = StaticAnalysis.run(source.migrations(), m -> true,
                StaticAnalysis.Settings.of(source, 150000, SeverityPolicy.defaults()));

        // then only the transactional section's index is refused, naming dbmate's transaction
        assertThat(source.transactionBlock(source.migrations().get(0))).contains("transaction:false");
        assertThat(source.transactionBlock(source.migrations().get(1))).isNull();
        assertThat(issues.stream().filter(i -> i.ruleId().equals("LINT003")).toList()).singleElement().satisfies(i -> {
            assertThat(i.file()).endsWith("1_tx.sql");
            assertThat(i.line()).isEqualTo(2);
            assertThat(i.message()).contains("dbmate runs this up section in a transaction");
        });
    }

}
