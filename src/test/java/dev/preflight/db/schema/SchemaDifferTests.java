package dev.preflight.db.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.db.schema.SchemaDifference.Change;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.db.schema.SchemaModel.Column;
import dev.preflight.db.schema.SchemaModel.Constraint;
import dev.preflight.db.schema.SchemaModel.EnumType;
import dev.preflight.db.schema.SchemaModel.Extension;
import dev.preflight.db.schema.SchemaModel.Index;
import dev.preflight.db.schema.SchemaModel.Table;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaDifferTests {

    private static final Index IVF = new Index("chunks", "chunks_embedding_idx", "ivfflat", false, List.of("embedding"),
            List.of("vector_cosine_ops"), Map.of("lists", "100"), null,
            "CREATE INDEX chunks_embedding_idx ON public.chunks USING ivfflat (embedding vector_cosine_ops) WITH (lists='100')");

    /** A small schema: one table with a vector column, a primary key, an IVFFlat index, an enum and an extension. */
    private static SchemaModel schema() {
        return new SchemaModel(List.of(new Table("chunks")),
                List.of(new Column("chunks", "id", 1, "text", true, null),
                        new Column("chunks", "kind", 2, "\"Kind\"", true, "'A'::\"Kind\""),
                        new Column("chunks", "embedding", 3, "vector(1536)", false, null)),
                List.of(new Constraint("chunks", "chunks_pkey", "p", "PRIMARY KEY (id)")),
                List.of(IVF), List.of(new EnumType("Kind", List.of("A", "B"))), List.of(new Extension("vector", "0.8.0")),
                List.of(), List.of(), List.of(), List.of());
    }

    private static SchemaModel with(SchemaModel m, List<Column> columns, List<Index> indexes, List<EnumType> enums, List<Table> tables) {
        return new SchemaModel(tables == null ? m.tables() : tables, columns == null ? m.columns() : columns, m.constraints(),
                indexes == null ? m.indexes() : indexes, enums == null ? m.enums() : enums, m.extensions(), m.sequences(), m.views(),
                m.functions(), m.triggers());
    }

    @Test
    void identicalSchemasHaveNoDifferences() {
        assertThat(SchemaDiffer.diff(schema(), schema())).isEmpty();
    }

    @Test
    void aChangedVectorDimensionIsAHighColumnTypeDifferenceWithAnAlter() {
        // given the database's embedding column at 768 dimensions
        List<Column> cols = new ArrayList<>(schema().columns());
        cols.set(2, new Column("chunks", "embedding", 3, "vector(768)", false, null));

        // when
        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(schema(), cols, null, null, null));

        // then
        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("column chunks.embedding");
            assertThat(d.aspect()).isEqualTo("type");
            assertThat(d.expected()).isEqualTo("vector(1536)");
            assertThat(d.actual()).isEqualTo("vector(768)");
            assertThat(d.severity()).isEqualTo(Severity.HIGH);
            assertThat(d.repair()).isEqualTo("ALTER TABLE \"chunks\" ALTER COLUMN \"embedding\" TYPE vector(1536) USING \"embedding\"::vector(1536);");
        });
    }

    @Test
    void changedListsIsAnIndexOptionsDifferenceRebuiltFromTheMigrationsDefinition() {
        Index fifty = new Index("chunks", "chunks_embedding_idx", "ivfflat", false, List.of("embedding"), List.of("vector_cosine_ops"),
                Map.of("lists", "50"), null, "CREATE INDEX ... WITH (lists='50')");

        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(schema(), null, List.of(fifty), null, null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("index chunks_embedding_idx on chunks");
            assertThat(d.aspect()).isEqualTo("options");
            assertThat(d.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(d.repair()).isEqualTo("DROP INDEX IF EXISTS \"chunks_embedding_idx\";\n" + IVF.definition() + ";");
        });
    }

    @Test
    void anExtraEnumLabelRecreatesTheTypeAndRetypesItsColumnsKeepingTheDefault() {
        List<SchemaDifference> diff = SchemaDiffer.diff(schema(),
                with(schema(), null, null, List.of(new EnumType("Kind", List.of("A", "B", "LEGACY"))), null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(ObjectType.ENUM);
            assertThat(d.severity()).isEqualTo(Severity.LOW);
            assertThat(d.repair()).contains("ALTER TYPE \"Kind\" RENAME TO \"Kind__drifted\";", "CREATE TYPE \"Kind\" AS ENUM ('A', 'B');",
                    "ALTER TABLE \"chunks\" ALTER COLUMN \"kind\" DROP DEFAULT;",
                    "ALTER TABLE \"chunks\" ALTER COLUMN \"kind\" TYPE \"Kind\" USING \"kind\"::text::\"Kind\";",
                    "ALTER TABLE \"chunks\" ALTER COLUMN \"kind\" SET DEFAULT 'A'::\"Kind\";", "DROP TYPE \"Kind__drifted\";");
        });
    }

    @Test
    void aMissingLabelIsAddedInPlaceAtItsPosition() {
        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(schema(), null, null, List.of(new EnumType("Kind", List.of("B"))), null));

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.HIGH);
            assertThat(d.repair()).isEqualTo("ALTER TYPE \"Kind\" ADD VALUE 'A' BEFORE 'B';");
        });
    }

    @Test
    void aMissingTableIsOneDifferenceWhoseRepairCreatesItsColumnsKeysAndIndexes() {
        SchemaModel empty = new SchemaModel(List.of(), List.of(), List.of(), List.of(), schema().enums(), schema().extensions(),
                List.of(), List.of(), List.of(), List.of());

        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), empty);

        assertThat(diff).singleElement().satisfies(d -> {
            assertThat(d.change()).isEqualTo(Change.MISSING);
            assertThat(d.subject()).isEqualTo("table chunks");
            assertThat(d.repair()).startsWith("CREATE TABLE \"chunks\" (\n    \"id\" text NOT NULL,")
                    .contains("\"kind\" \"Kind\" DEFAULT 'A'::\"Kind\" NOT NULL", "ADD CONSTRAINT \"chunks_pkey\" PRIMARY KEY (id);",
                            IVF.definition());
        });
    }

    @Test
    void unexpectedObjectsAreDroppedBeforeMissingOnesAreCreatedAndMarkedDestructive() {
        // given a database with an extra table and without the vector extension
        SchemaModel actual = new SchemaModel(List.of(new Table("chunks"), new Table("hotfix")),
                List.of(schema().columns().get(0), schema().columns().get(1), schema().columns().get(2),
                        new Column("hotfix", "id", 1, "integer", true, null)),
                schema().constraints(), schema().indexes(), schema().enums(), List.of(), List.of(), List.of(), List.of(), List.of());

        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), actual);

        assertThat(diff).extracting(SchemaDifference::subject).containsExactly("table hotfix", "extension vector");
        assertThat(diff.get(0).destructive()).isTrue();
        assertThat(diff.get(0).repair()).isEqualTo("DROP TABLE IF EXISTS \"hotfix\";");
        assertThat(diff.get(1).repair()).isEqualTo("CREATE EXTENSION IF NOT EXISTS \"vector\" WITH VERSION '0.8.0';");
    }

    @Test
    void droppedNotNullAndChangedDefaultAreSeparateColumnDifferences() {
        List<Column> cols = new ArrayList<>(schema().columns());
        cols.set(1, new Column("chunks", "kind", 2, "\"Kind\"", false, "'B'::\"Kind\""));

        List<SchemaDifference> diff = SchemaDiffer.diff(schema(), with(schema(), cols, null, null, null));

        assertThat(diff).extracting(SchemaDifference::aspect).containsExactlyInAnyOrder("nullability", "default");
        assertThat(diff).extracting(SchemaDifference::repair).containsExactlyInAnyOrder(
                "ALTER TABLE \"chunks\" ALTER COLUMN \"kind\" SET NOT NULL;",
                "ALTER TABLE \"chunks\" ALTER COLUMN \"kind\" SET DEFAULT 'A'::\"Kind\";");
    }

    @Test
    void aSequenceOwnedByAnUnexpectedTableIsFoldedIntoThatTable() {
        SchemaModel actual = new SchemaModel(List.of(new Table("chunks"), new Table("hotfix")),
                List.of(schema().columns().get(0), schema().columns().get(1), schema().columns().get(2),
                        new Column("hotfix", "id", 1, "integer", true, "nextval('hotfix_id_seq'::regclass)")),
                schema().constraints(), schema().indexes(), schema().enums(), schema().extensions(),
                List.of(new SchemaModel.Sequence("hotfix_id_seq", "integer", 1, 1, 1, Integer.MAX_VALUE, false, "hotfix"),
                        new SchemaModel.Sequence("loose_seq", "bigint", 1, 1, 1, Long.MAX_VALUE, false, null)),
                List.of(), List.of(), List.of());

        assertThat(SchemaDiffer.diff(schema(), actual)).extracting(SchemaDifference::subject)
                .containsExactly("table hotfix", "sequence loose_seq");
    }
}
