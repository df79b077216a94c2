package dev.preflight.migration.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.migration.SqlSplitter;
import dev.preflight.migration.SqlStatement;
import dev.preflight.migration.ddl.Ddl.AddConstraint;
import dev.preflight.migration.ddl.Ddl.AlterColumnType;
import dev.preflight.migration.ddl.Ddl.AlterTable;
import dev.preflight.migration.ddl.Ddl.ConstraintKind;
import dev.preflight.migration.ddl.Ddl.CreateIndex;
import dev.preflight.migration.ddl.Ddl.CreateTable;
import dev.preflight.migration.ddl.Ddl.Unparsed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DdlParserTests {

    @Test
    void readsPgvectorIndexesWithMethodOptionsAndConcurrently() {
        // when
        Ddl ddl = DdlParser.parse("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"chunks_embedding_idx\" ON public.chunks "
                + "USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100) WHERE embedding IS NOT NULL", 7);

        // then
        CreateIndex index = (CreateIndex) ddl;
        assertThat(index.name()).isEqualTo("chunks_embedding_idx");
        assertThat(index.table()).hasToString("public.chunks");
        assertThat(index.concurrently()).isTrue();
        assertThat(index.ifNotExists()).isTrue();
        assertThat(index.method()).isEqualTo("ivfflat");
        assertThat(index.keys()).containsExactly("embedding vector_cosine_ops");
        assertThat(index.options()).containsEntry("lists", "100");
        assertThat(index.where()).isEqualTo("embedding IS NOT NULL");
    }

    @Test
    void readsAlterTableActions() {
        // when
        AlterTable alter = (AlterTable) DdlParser.parse("ALTER TABLE \"chunks\" ALTER COLUMN \"embedding\" TYPE vector(1536) "
                + "USING embedding::vector(1536), ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES b(id) NOT VALID, "
                + "ADD COLUMN c uuid NOT NULL DEFAULT gen_random_uuid()", 1);

        // then
        assertThat(alter.actions()).hasSize(3);
        AlterColumnType type = (AlterColumnType) alter.actions().get(0);
        assertThat(type.type()).isEqualTo("vector(1536)");
        assertThat(type.using()).isEqualTo("embedding::vector(1536)");
        assertThat((AddConstraint) alter.actions().get(1)).extracting(AddConstraint::kind, AddConstraint::notValid)
                .containsExactly(ConstraintKind.FOREIGN_KEY, true);
        Ddl.AddColumn add = (Ddl.AddColumn) alter.actions().get(2);
        assertThat(add.column().notNull()).isTrue();
        assertThat(add.column().defaultExpression()).isEqualTo("gen_random_uuid()");
    }

    @Test
    void readsColumnsOfCreateTable() {
        // when
        CreateTable table = (CreateTable) DdlParser.parse("CREATE TABLE IF NOT EXISTS x (\"id\" TEXT NOT NULL, "
                + "\"e\" vector(1536), tags text[] DEFAULT '{}', \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                + "CONSTRAINT \"x_pkey\" PRIMARY KEY (\"id\"))", 1);

        // then
        assertThat(table.columns()).extracting(Ddl.Column::name).containsExactly("id", "e", "tags", "createdAt");
        assertThat(table.columns()).extracting(Ddl.Column::type).containsExactly("TEXT", "vector(1536)", "text[]", "TIMESTAMP(3)");
        assertThat(table.columns().get(3).defaultExpression()).isEqualTo("CURRENT_TIMESTAMP");
    }

    @Test
    void anUnknownStatementIsUnparsedNotPassed() {
        assertThat(DdlParser.parse("FROBNICATE TABLE x", 1)).isInstanceOf(Unparsed.class);
        assertThat(DdlParser.parse("ALTER TABLE x ADD CONSTRAINT", 1)).isInstanceOf(Unparsed.class);
        assertThat(DdlParser.parse("CREATE INDEX ON", 1)).isInstanceOf(Unparsed.class);
    }

    @Test
    void everyStatementOfTheExampleMigrationsIsRecognized() throws IOException {
        // given
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("migrations"))) {
            files = s.sorted().toList();
        }

        // when / then
        int statements = 0;
        for (Path f : files) {
            for (SqlStatement st : SqlSplitter.split(Files.readString(f))) {
                statements++;
                assertThat(DdlParser.parse(st)).as(f + " line " + st.line()).isNotInstanceOf(Unparsed.class);
            }
        }
        assertThat(statements).isGreaterThan(200);
    }
}
