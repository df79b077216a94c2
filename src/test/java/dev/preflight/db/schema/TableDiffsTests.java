package dev.preflight.db.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.db.schema.SchemaDifference.Change;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.db.schema.SchemaModel.Column;
import dev.preflight.db.schema.SchemaModel.Constraint;
import dev.preflight.db.schema.SchemaModel.EnumType;
import dev.preflight.db.schema.SchemaModel.Index;
import dev.preflight.db.schema.SchemaModel.Owner;
import dev.preflight.db.schema.SchemaModel.Privilege;
import dev.preflight.db.schema.SchemaModel.Sequence;
import dev.preflight.db.schema.SchemaModel.Table;
import dev.preflight.db.schema.SchemaModel.View;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The differ's rules inside the tables both sides have (columns, constraints, indexes), for enum
 * types, and for grants on shared objects, on small in-memory schemas.
 *
 * <p>Mutations known to be killed (PIT): a missing or unexpected column, constraint, index or enum
 * not reported; a column made NOT NULL in the database rated like one made nullable; a default
 * added in the database not dropped; a foreign key, a check and a unique constraint given one
 * severity or kind; a unique index rated like a plain one; an index of another schema dropped
 * unqualified; columns of other types re-typed with a recreated enum; a first label added after
 * nothing; grants on views, sequences, columns and schemas both sides have not compared, or grants
 * on objects only one side has compared.
 */
class TableDiffsTests {

    private static final Column ID = new Column("items", "id", 1, "bigint", true, null);

    private static SchemaModel model(List<Column> columns, List<Constraint> constraints, List<Index> indexes, List<EnumType> enums) {
        return new SchemaModel(List.of(new Table("items"), new Table("app.orders")), columns, constraints, indexes, enums, List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    private static SchemaModel columns(Column... columns) {
        return model(List.of(columns), List.of(), List.of(), List.of());
    }

    private static SchemaDifference only(List<SchemaDifference> diffs) {
        assertThat(diffs).hasSize(1);
        return diffs.get(0);
    }

    private static SchemaDifference find(List<SchemaDifference> diffs, String object) {
        return diffs.stream().filter(d -> d.object().equals(object)).findFirst()
                .orElseThrow(() -> new AssertionError("no difference for " + object + " in " + diffs));
    }

    @Test
    void columnsMissingUnexpectedAndChangedInNullabilityOrDefault() {
        Column created = new Column("items", "created_at", 2, "timestamp with time zone", true, "now()");
        Column extra = new Column("items", "legacy", 3, "text", false, null);

        SchemaDifference missing = only(SchemaDiffer.diff(columns(ID, created), columns(ID)));
        SchemaDifference unexpected = only(SchemaDiffer.diff(columns(ID), columns(ID, extra)));

        assertThat(missing.change()).isEqualTo(Change.MISSING);
        assertThat(missing.expected()).isEqualTo("timestamp with time zone NOT NULL");
        assertThat(missing.severity()).isEqualTo(Severity.HIGH);
        assertThat(missing.repair()).isEqualTo("ALTER TABLE \"items\" ADD COLUMN \"created_at\" timestamp with time zone DEFAULT now() NOT NULL;");
        assertThat(unexpected.change()).isEqualTo(Change.UNEXPECTED);
        assertThat(unexpected.object()).isEqualTo("items.legacy");
        assertThat(unexpected.severity()).isEqualTo(Severity.LOW);
        assertThat(unexpected.repair()).isEqualTo("ALTER TABLE \"items\" DROP COLUMN IF EXISTS \"legacy\";");
        assertThat(unexpected.destructive()).isTrue();

        // NOT NULL added in the database breaks the application's inserts: HIGH; a default added there is dropped
        Column note = new Column("items", "note", 2, "text", false, null);
        List<SchemaDifference> tightened = SchemaDiffer.diff(columns(ID, note),
                columns(ID, new Column("items", "note", 2, "text", true, "''::text")));
        assertThat(tightened).extracting(SchemaDifference::aspect).containsExactlyInAnyOrder("nullability", "default");
        SchemaDifference nullability = tightened.stream().filter(d -> d.aspect().equals("nullability")).findFirst().orElseThrow();
        assertThat(nullability.expected()).isEqualTo("NULL");
        assertThat(nullability.actual()).isEqualTo("NOT NULL");
        assertThat(nullability.severity()).isEqualTo(Severity.HIGH);
        assertThat(nullability.repair()).isEqualTo("ALTER TABLE \"items\" ALTER COLUMN \"note\" DROP NOT NULL;");
        SchemaDifference dflt = tightened.stream().filter(d -> d.aspect().equals("default")).findFirst().orElseThrow();
        assertThat(dflt.expected()).isEqualTo("null");
        assertThat(dflt.actual()).isEqualTo("''::text");
        assertThat(dflt.repair()).isEqualTo("ALTER TABLE \"items\" ALTER COLUMN \"note\" DROP DEFAULT;");
    }

    @Test
    void constraintsByKindWithTheirSeverities() {
        Constraint check = new Constraint("items", "items_price_check", "c", "CHECK (price >= 0)");
        Constraint fk = new Constraint("items", "items_order_fkey", "f", "FOREIGN KEY (order_id) REFERENCES app.orders(id)");
        Constraint unique = new Constraint("items", "items_sku_key", "u", "UNIQUE (sku)");
        Constraint uniqueTwo = new Constraint("items", "items_sku_key", "u", "UNIQUE (sku, region)");

        List<SchemaDifference> missing = SchemaDiffer.diff(model(List.of(ID), List.of(check, fk, unique), List.of(), List.of()),
                model(List.of(ID), List.of(uniqueTwo), List.of(), List.of()));
        List<SchemaDifference> unexpected = SchemaDiffer.diff(model(List.of(ID), List.of(), List.of(), List.of()),
                model(List.of(ID), List.of(check, fk, unique), List.of(), List.of()));

        assertThat(find(missing, "items_price_check").type()).isEqualTo(ObjectType.CONSTRAINT);
        assertThat(find(missing, "items_price_check").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(find(missing, "items_price_check").repair())
                .isEqualTo("ALTER TABLE \"items\" ADD CONSTRAINT \"items_price_check\" CHECK (price >= 0);");
        assertThat(find(missing, "items_order_fkey").type()).isEqualTo(ObjectType.FOREIGN_KEY);
        assertThat(find(missing, "items_order_fkey").severity()).isEqualTo(Severity.HIGH);
        SchemaDifference changed = find(missing, "items_sku_key");
        assertThat(changed.change()).isEqualTo(Change.CHANGED);
        assertThat(changed.severity()).isEqualTo(Severity.HIGH);
        assertThat(changed.actual()).isEqualTo("UNIQUE (sku, region)");
        assertThat(changed.repair()).isEqualTo("ALTER TABLE \"items\" DROP CONSTRAINT IF EXISTS \"items_sku_key\";\n"
                + "ALTER TABLE \"items\" ADD CONSTRAINT \"items_sku_key\" UNIQUE (sku);");

        // constraints the migrations do not have: those that restrict writes matter more than an extra unique key
        assertThat(unexpected).allMatch(d -> d.change() == Change.UNEXPECTED && d.destructive());
        assertThat(find(unexpected, "items_order_fkey").type()).isEqualTo(ObjectType.FOREIGN_KEY);
        assertThat(find(unexpected, "items_order_fkey").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(find(unexpected, "items_price_check").type()).isEqualTo(ObjectType.CONSTRAINT);
        assertThat(find(unexpected, "items_price_check").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(find(unexpected, "items_sku_key").severity()).isEqualTo(Severity.LOW);
        assertThat(find(unexpected, "items_sku_key").repair()).isEqualTo("ALTER TABLE \"items\" DROP CONSTRAINT IF EXISTS \"items_sku_key\";");
    }

    @Test
    void indexesMissingUnexpectedOrChangedRatedByUniqueness() {
        Index sku = new Index("items", "items_sku_idx", "btree", true, List.of("sku"), List.of("text_ops"), Map.of(), null,
                "CREATE UNIQUE INDEX items_sku_idx ON public.items USING btree (sku)");
        Index skuPlain = new Index("items", "items_sku_idx", "btree", false, List.of("sku"), List.of("text_ops"), Map.of(), null,
                "CREATE INDEX items_sku_idx ON public.items USING btree (sku)");
        Index name = new Index("items", "items_name_idx", "btree", false, List.of("name"), List.of("text_ops"), Map.of(), null,
                "CREATE INDEX items_name_idx ON public.items USING btree (name)");
        Index nameActive = new Index("items", "items_name_idx", "btree", false, List.of("name", "id"), List.of("text_ops", "int8_ops"),
                Map.of(), "(active)", "CREATE INDEX items_name_idx ON public.items USING btree (name, id) WHERE active");
        Index orders = new Index("app.orders", "orders_ref_idx", "btree", true, List.of("ref"), List.of("text_ops"), Map.of(), null,
                "CREATE UNIQUE INDEX orders_ref_idx ON app.orders USING btree (ref)");

        List<SchemaDifference> missing = SchemaDiffer.diff(model(List.of(ID), List.of(), List.of(sku, name), List.of()),
                model(List.of(ID), List.of(), List.of(), List.of()));
        List<SchemaDifference> unexpected = SchemaDiffer.diff(model(List.of(ID), List.of(), List.of(), List.of()),
                model(List.of(ID), List.of(), List.of(orders, name), List.of()));
        List<SchemaDifference> changed = SchemaDiffer.diff(model(List.of(ID), List.of(), List.of(sku, name), List.of()),
                model(List.of(ID), List.of(), List.of(skuPlain, nameActive), List.of()));

        assertThat(find(missing, "items_sku_idx").severity()).isEqualTo(Severity.HIGH);
        assertThat(find(missing, "items_sku_idx").repair()).isEqualTo(sku.definition() + ";");
        assertThat(find(missing, "items_name_idx").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(find(unexpected, "orders_ref_idx").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(find(unexpected, "orders_ref_idx").repair()).isEqualTo("DROP INDEX IF EXISTS \"app\".\"orders_ref_idx\";");
        assertThat(find(unexpected, "items_name_idx").severity()).isEqualTo(Severity.LOW);
        assertThat(find(unexpected, "items_name_idx").repair()).isEqualTo("DROP INDEX IF EXISTS \"items_name_idx\";");
        assertThat(find(changed, "items_sku_idx").aspect()).isEqualTo("uniqueness");
        assertThat(find(changed, "items_sku_idx").severity()).isEqualTo(Severity.HIGH);
        assertThat(find(changed, "items_name_idx").aspect()).isEqualTo("columns, operator class, predicate");
        assertThat(find(changed, "items_name_idx").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(find(changed, "items_name_idx").repair()).isEqualTo("DROP INDEX IF EXISTS \"items_name_idx\";\n" + name.definition() + ";");
    }

    @Test
    void enumsMissingUnexpectedOrWithOtherLabels() {
        EnumType kind = new EnumType("Kind", List.of("A", "B"));
        Column kindColumn = new Column("items", "kind", 2, "\"Kind\"", true, null);
        Column label = new Column("items", "label", 3, "text", false, null);

        SchemaDifference missing = only(SchemaDiffer.diff(model(List.of(ID), List.of(), List.of(), List.of(kind)), columns(ID)));
        SchemaDifference unexpected = only(SchemaDiffer.diff(columns(ID), model(List.of(ID), List.of(), List.of(), List.of(kind))));
        SchemaDifference extraLabel = only(SchemaDiffer.diff(model(List.of(ID, kindColumn, label), List.of(), List.of(), List.of(kind)),
                model(List.of(ID, kindColumn, label), List.of(), List.of(), List.of(new EnumType("Kind", List.of("A", "B", "C"))))));
        SchemaDifference firstMissing = only(SchemaDiffer.diff(model(List.of(ID), List.of(), List.of(), List.of(kind)),
                model(List.of(ID), List.of(), List.of(), List.of(new EnumType("Kind", List.of("B"))))));

        assertThat(missing.severity()).isEqualTo(Severity.HIGH);
        assertThat(missing.repair()).isEqualTo("CREATE TYPE \"Kind\" AS ENUM ('A', 'B');");
        assertThat(unexpected.severity()).isEqualTo(Severity.LOW);
        assertThat(unexpected.repair()).isEqualTo("DROP TYPE IF EXISTS \"Kind\";");
        // an extra label only: LOW, and the recreated type re-types the enum's columns, not the text one
        assertThat(extraLabel.severity()).isEqualTo(Severity.LOW);
        assertThat(extraLabel.repair()).contains("ALTER COLUMN \"kind\" TYPE \"Kind\"").doesNotContain("\"label\"");
        // a missing first label goes before the second
        assertThat(firstMissing.severity()).isEqualTo(Severity.HIGH);
        assertThat(firstMissing.repair()).isEqualTo("ALTER TYPE \"Kind\" ADD VALUE 'A' BEFORE 'B';");
        assertThat(RepairSql.repairEnum(new EnumType("One", List.of("A")), new EnumType("One", List.of()), List.of()))
                .isEqualTo("ALTER TYPE \"One\" ADD VALUE 'A';");
    }

    @Test
    void grantsAreComparedOnTheViewsSequencesColumnsAndSchemasBothSidesHave() {
        // given a view, a sequence, a column and a schema on both sides, and a view only the migrations have
        View view = new View("item_names", false, " SELECT name FROM items;");
        View gone = new View("old_names", false, " SELECT name FROM items;");
        Sequence seq = new Sequence("items_id_seq", "bigint", 1, 1, 1, Long.MAX_VALUE, false, "items");
        Column nameColumn = new Column("items", "name", 2, "text", false, null);
        List<Privilege> grants = List.of(new Privilege("VIEW", "item_names", null, "reader", "SELECT", false),
                new Privilege("SEQUENCE", "items_id_seq", null, "writer", "USAGE", false),
                new Privilege("COLUMN", "items", "name", "reader", "UPDATE", false),
                new Privilege("SCHEMA", "app", null, "reader", "USAGE", false),
                new Privilege("VIEW", "old_names", null, "reader", "SELECT", false));
        List<Owner> owners = List.of(new Owner("SCHEMA", "app", "owner"));
        SchemaModel migrations = new SchemaModel(List.of(new Table("items")), List.of(ID, nameColumn), List.of(), List.of(), List.of(),
                List.of(), List.of(seq), List.of(view, gone), List.of(), List.of()).withSecurity(List.of(), List.of(), grants, List.of(), owners);
        SchemaModel database = new SchemaModel(List.of(new Table("items")), List.of(ID, nameColumn), List.of(), List.of(), List.of(),
                List.of(), List.of(seq), List.of(view), List.of(), List.of()).withSecurity(List.of(), List.of(), List.of(), List.of(), owners);

        // when every grant was revoked in the database
        List<SchemaDifference> revoked = SchemaDiffer.diff(migrations, database).stream().filter(d -> d.type() == ObjectType.PRIVILEGE).toList();

        // then each is missing, except the one on the view the database lacks (its own difference covers it)
        assertThat(revoked).extracting(SchemaDifference::object).containsExactlyInAnyOrder("SELECT on view item_names to reader",
                "USAGE on sequence items_id_seq to writer", "UPDATE on column items.name to reader", "USAGE on schema app to reader");
    }
}
