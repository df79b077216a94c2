package dev.preflight.db.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.db.schema.SchemaDifference.Change;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.db.schema.SchemaModel.Column;
import dev.preflight.db.schema.SchemaModel.Extension;
import dev.preflight.db.schema.SchemaModel.Function;
import dev.preflight.db.schema.SchemaModel.Partition;
import dev.preflight.db.schema.SchemaModel.Sequence;
import dev.preflight.db.schema.SchemaModel.Table;
import dev.preflight.db.schema.SchemaModel.Trigger;
import dev.preflight.db.schema.SchemaModel.UserType;
import dev.preflight.db.schema.SchemaModel.View;
import dev.preflight.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drift of the objects outside tables (extensions, sequences, views, functions, triggers) on small
 * in-memory schemas: each kind missing, changed and unexpected, with its severity and repair SQL.
 *
 * <p>Mutations known to be killed (PIT): a missing, changed or unexpected object of any kind not
 * reported; a sequence that differs only by its start reported; a sequence owned by an unexpected
 * table reported on its own (its table's DROP removes it); a materialized view altered without
 * being dropped first; a trigger reported on a table that only one side has; a wrong severity or
 * repair statement for any of them.
 */
class ObjectDiffsTests {

    private static final Sequence ID_SEQ = new Sequence("items_id_seq", "bigint", 1, 1, 1, Long.MAX_VALUE, false, "items");
    private static final View RECENT = new View("recent_items", false, " SELECT id FROM items;");
    private static final View COUNTS = new View("item_counts", true, " SELECT count(*) AS n FROM items;");
    private static final Function TOUCH = new Function("touch()",
            "CREATE OR REPLACE FUNCTION public.touch() RETURNS trigger AS $$ begin return new; end $$ LANGUAGE plpgsql\n");
    private static final Trigger ON_ITEMS = new Trigger("items", "items_touch",
            "CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch()");

    /** A schema with table {@code items} (one column) and the given objects around it. */
    private static SchemaModel schema(List<String> tables, List<Extension> extensions, List<Sequence> sequences, List<View> views,
                                      List<Function> functions, List<Trigger> triggers) {
        return new SchemaModel(tables.stream().map(Table::new).toList(),
                tables.stream().map(t -> new Column(t, "id", 1, "bigint", true, null)).toList(), List.of(), List.of(), List.of(),
                extensions, sequences, views, functions, triggers);
    }

    private static SchemaModel items(List<Extension> extensions, List<Sequence> sequences, List<View> views, List<Function> functions,
                                     List<Trigger> triggers) {
        return schema(List.of("items"), extensions, sequences, views, functions, triggers);
    }

    private static SchemaModel full() {
        return items(List.of(new Extension("vector", "0.8.0")), List.of(ID_SEQ), List.of(RECENT, COUNTS), List.of(TOUCH), List.of(ON_ITEMS));
    }

    private static List<SchemaDifference> of(ObjectType type, SchemaModel expected, SchemaModel actual) {
        return SchemaDiffer.diff(expected, actual).stream().filter(d -> d.type() == type).toList();
    }

    private static void assertDifference(SchemaDifference d, Change change, String aspect, String expected, String actual,
                                         Severity severity, String repair) {
        assertThat(d.change()).isEqualTo(change);
        assertThat(d.aspect()).isEqualTo(aspect);
        assertThat(d.expected()).isEqualTo(expected);
        assertThat(d.actual()).isEqualTo(actual);
        assertThat(d.severity()).isEqualTo(severity);
        assertThat(d.repair()).isEqualTo(repair);
        assertThat(d.destructive()).isEqualTo(change == Change.UNEXPECTED);
    }

    @Test
    void identicalObjectsHaveNoDifferences() {
        assertThat(SchemaDiffer.diff(full(), full())).isEmpty();
    }

    @Test
    void extensionsMissingUpgradedOrUnexpected() {
        List<Extension> migrations = List.of(new Extension("vector", "0.8.0"), new Extension("citext", "1.6"));
        List<Extension> database = List.of(new Extension("vector", "0.7.4"), new Extension("pg_trgm", "1.6"));

        List<SchemaDifference> d = of(ObjectType.EXTENSION, items(migrations, List.of(), List.of(), List.of(), List.of()),
                items(database, List.of(), List.of(), List.of(), List.of()));

        assertThat(d).extracting(SchemaDifference::object).containsExactlyInAnyOrder("citext", "vector", "pg_trgm");
        assertDifference(find(d, "citext"), Change.MISSING, null, "citext 1.6", "absent", Severity.HIGH,
                "CREATE EXTENSION IF NOT EXISTS \"citext\" WITH VERSION '1.6';");
        assertDifference(find(d, "vector"), Change.CHANGED, "version", "0.8.0", "0.7.4", Severity.LOW,
                "ALTER EXTENSION \"vector\" UPDATE TO '0.8.0';");
        assertDifference(find(d, "pg_trgm"), Change.UNEXPECTED, null, "absent", "pg_trgm 1.6", Severity.LOW,
                "DROP EXTENSION IF EXISTS \"pg_trgm\";");
    }

    @Test
    void sequencesCompareOptionsButNotWhereTheyStarted() {
        Sequence restarted = new Sequence("items_id_seq", "bigint", 5000, 1, 1, Long.MAX_VALUE, false, "items");
        Sequence byTen = new Sequence("items_id_seq", "bigint", 1, 10, 1, Long.MAX_VALUE, false, "items");
        Sequence orders = new Sequence("order_no", "integer", 100, 1, 1, 2147483647, true, null);

        // a different start only (the sequence was used) is no drift
        assertThat(of(ObjectType.SEQUENCE, items(List.of(), List.of(ID_SEQ), List.of(), List.of(), List.of()),
                items(List.of(), List.of(restarted), List.of(), List.of(), List.of()))).isEmpty();

        List<SchemaDifference> d = of(ObjectType.SEQUENCE, items(List.of(), List.of(ID_SEQ, orders), List.of(), List.of(), List.of()),
                items(List.of(), List.of(byTen), List.of(), List.of(), List.of()));

        assertThat(d).hasSize(2);
        assertDifference(find(d, "items_id_seq"), Change.CHANGED, "options", ID_SEQ.toString(), byTen.toString(), Severity.LOW,
                "ALTER SEQUENCE \"items_id_seq\" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 NO CYCLE;");
        assertDifference(find(d, "order_no"), Change.MISSING, null, "integer", "absent", Severity.MEDIUM,
                "CREATE SEQUENCE \"order_no\" AS integer START WITH 100 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 CYCLE;");
    }

    @Test
    void anUnexpectedSequenceIsDroppedUnlessItsUnexpectedTableTakesItAlong() {
        Sequence free = new Sequence("tickets", "bigint", 1, 1, 1, 1000, false, null);
        Sequence ofItems = new Sequence("items_no_seq", "bigint", 1, 1, 1, 1000, false, "items");
        Sequence ofAudit = new Sequence("audit_id_seq", "bigint", 1, 1, 1, 1000, false, "audit");

        List<SchemaDifference> d = of(ObjectType.SEQUENCE, items(List.of(), List.of(), List.of(), List.of(), List.of()),
                schema(List.of("items", "audit"), List.of(), List.of(free, ofItems, ofAudit), List.of(), List.of(), List.of()));

        // audit is unexpected itself: its DROP TABLE removes its sequence
        assertThat(d).extracting(SchemaDifference::object).containsExactlyInAnyOrder("tickets", "items_no_seq");
        assertDifference(find(d, "tickets"), Change.UNEXPECTED, null, "absent", "bigint", Severity.LOW, "DROP SEQUENCE IF EXISTS \"tickets\";");
    }

    @Test
    void viewsMissingChangedOrUnexpectedAndMaterializedOnesAreRecreated() {
        View recentChanged = new View("recent_items", false, " SELECT id FROM items WHERE id > 10;");
        View countsChanged = new View("item_counts", true, " SELECT count(id) AS n FROM items;");
        View stray = new View("stray", true, " SELECT 1;");

        List<SchemaDifference> d = of(ObjectType.VIEW, full(),
                items(List.of(), List.of(), List.of(recentChanged, countsChanged, stray), List.of(), List.of()));
        List<SchemaDifference> missing = of(ObjectType.VIEW, full(), items(List.of(), List.of(), List.of(COUNTS), List.of(), List.of()));

        assertDifference(find(d, "recent_items"), Change.CHANGED, "definition", RECENT.definition(), recentChanged.definition(),
                Severity.MEDIUM, "CREATE OR REPLACE VIEW \"recent_items\" AS\n" + RECENT.definition());
        // a materialized view cannot be replaced in place
        assertDifference(find(d, "item_counts"), Change.CHANGED, "definition", COUNTS.definition(), countsChanged.definition(),
                Severity.MEDIUM, "DROP MATERIALIZED VIEW IF EXISTS \"item_counts\";\nCREATE MATERIALIZED VIEW \"item_counts\" AS\n"
                        + COUNTS.definition());
        assertDifference(find(d, "stray"), Change.UNEXPECTED, null, "absent", stray.definition(), Severity.LOW,
                "DROP MATERIALIZED VIEW IF EXISTS \"stray\";");
        assertThat(missing).singleElement().satisfies(m -> assertDifference(m, Change.MISSING, null, RECENT.definition(), "absent",
                Severity.MEDIUM, "CREATE OR REPLACE VIEW \"recent_items\" AS\n" + RECENT.definition()));
        // a plain view that exists only in the database is dropped as a view
        assertThat(of(ObjectType.VIEW, items(List.of(), List.of(), List.of(), List.of(), List.of()),
                items(List.of(), List.of(), List.of(RECENT), List.of(), List.of())))
                .singleElement().extracting(SchemaDifference::repair).isEqualTo("DROP VIEW IF EXISTS \"recent_items\";");
        // a view turned materialized is dropped as what the database has
        assertThat(of(ObjectType.VIEW, full(), items(List.of(), List.of(), List.of(new View("recent_items", true, RECENT.definition()), COUNTS),
                List.of(), List.of()))).singleElement().extracting(SchemaDifference::repair)
                .isEqualTo("DROP MATERIALIZED VIEW IF EXISTS \"recent_items\";\nCREATE OR REPLACE VIEW \"recent_items\" AS\n" + RECENT.definition());
    }

    @Test
    void functionsAreComparedBySignatureAndDefinition() {
        Function edited = new Function("touch()", TOUCH.definition().replace("return new", "return old"));
        Function extra = new Function("helper(integer)",
                "CREATE OR REPLACE FUNCTION public.helper(integer) RETURNS integer AS 'select 1' LANGUAGE sql");

        List<SchemaDifference> changed = of(ObjectType.FUNCTION, full(), items(List.of(), List.of(), List.of(), List.of(edited, extra), List.of()));
        List<SchemaDifference> missing = of(ObjectType.FUNCTION, full(), items(List.of(), List.of(), List.of(), List.of(), List.of()));

        assertDifference(find(changed, "touch()"), Change.CHANGED, "definition", TOUCH.definition(), edited.definition(), Severity.MEDIUM,
                TOUCH.definition().strip() + ";");
        assertDifference(find(changed, "helper(integer)"), Change.UNEXPECTED, null, "absent", extra.definition(), Severity.LOW,
                "DROP FUNCTION IF EXISTS helper(integer);");
        assertThat(missing).singleElement().satisfies(m -> assertDifference(m, Change.MISSING, null, TOUCH.definition(), "absent",
                Severity.MEDIUM, TOUCH.definition().strip() + ";"));
    }

    @Test
    void triggersOnSharedTablesOnly() {
        Trigger edited = new Trigger("items", "items_touch", ON_ITEMS.definition().replace("BEFORE", "AFTER"));
        Trigger extra = new Trigger("items", "items_audit",
                "CREATE TRIGGER items_audit AFTER INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch()");
        Trigger onAudit = new Trigger("audit", "audit_touch",
                "CREATE TRIGGER audit_touch BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION touch()");

        List<SchemaDifference> d = of(ObjectType.TRIGGER, full(),
                schema(List.of("items", "audit"), List.of(), List.of(), List.of(), List.of(), List.of(edited, extra, onAudit)));
        List<SchemaDifference> missing = of(ObjectType.TRIGGER, full(), items(List.of(), List.of(), List.of(), List.of(), List.of()));

        // audit is not in the migrations: its trigger goes with the table's own difference
        assertThat(d).extracting(SchemaDifference::object).containsExactlyInAnyOrder("items_touch", "items_audit");
        assertDifference(find(d, "items_touch"), Change.CHANGED, "definition", ON_ITEMS.definition(), edited.definition(), Severity.MEDIUM,
                "DROP TRIGGER IF EXISTS \"items_touch\" ON \"items\";\n" + ON_ITEMS.definition() + ";");
        assertDifference(find(d, "items_audit"), Change.UNEXPECTED, null, "absent", extra.definition(), Severity.LOW,
                "DROP TRIGGER IF EXISTS \"items_audit\" ON \"items\";");
        assertThat(find(d, "items_audit").table()).isEqualTo("items");
        assertThat(missing).singleElement().satisfies(m -> assertDifference(m, Change.MISSING, null, ON_ITEMS.definition(), "absent",
                Severity.MEDIUM, ON_ITEMS.definition() + ";"));
        // a trigger of a table the database lacks is not reported on its own either
        assertThat(of(ObjectType.TRIGGER, schema(List.of("items", "audit"), List.of(), List.of(), List.of(), List.of(), List.of(onAudit)),
                items(List.of(), List.of(), List.of(), List.of(), List.of()))).isEmpty();
    }

    private static SchemaDifference find(List<SchemaDifference> diffs, String object) {
        return diffs.stream().filter(x -> x.object().equals(object)).findFirst()
                .orElseThrow(() -> new AssertionError("no difference for " + object + " in " + diffs));
    }

    @Test
    void domainsCompositeTypesAndPartitionsEachMissingChangedAndUnexpected() {
        UserType email = new UserType("domain", "email", "text NOT NULL");
        UserType pair = new UserType("composite type", "pair", "(a integer, b text)");
        Partition y2025 = new Partition("events", "events_2025", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
        Partition y2026 = new Partition("events", "events_2026", "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        SchemaModel base = schema(List.of("events"), List.of(), List.of(), List.of(), List.of(), List.of());
        SchemaModel expected = with(base, List.of(email, pair), List.of(y2025, y2026));

        List<SchemaDifference> missing = SchemaDiffer.diff(expected, base);
        assertThat(missing).extracting(SchemaDifference::type, SchemaDifference::change, SchemaDifference::severity, SchemaDifference::repair)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ObjectType.DOMAIN, Change.MISSING, Severity.HIGH, "CREATE DOMAIN \"email\" AS text NOT NULL;"),
                        org.assertj.core.groups.Tuple.tuple(ObjectType.COMPOSITE_TYPE, Change.MISSING, Severity.HIGH,
                                "CREATE TYPE \"pair\" AS (a integer, b text);"),
                        org.assertj.core.groups.Tuple.tuple(ObjectType.PARTITION, Change.MISSING, Severity.MEDIUM,
                                "CREATE TABLE \"events_2025\" PARTITION OF \"events\" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"),
                        org.assertj.core.groups.Tuple.tuple(ObjectType.PARTITION, Change.MISSING, Severity.MEDIUM,
                                "CREATE TABLE \"events_2026\" PARTITION OF \"events\" FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');"));

        List<SchemaDifference> unexpected = SchemaDiffer.diff(base, expected);
        assertThat(unexpected).extracting(SchemaDifference::repair).containsExactlyInAnyOrder("DROP DOMAIN IF EXISTS \"email\";",
                "DROP TYPE IF EXISTS \"pair\";", "ALTER TABLE \"events\" DETACH PARTITION \"events_2025\";", "ALTER TABLE \"events\" DETACH PARTITION \"events_2026\";");
        assertThat(unexpected).extracting(SchemaDifference::severity).containsOnly(Severity.LOW);

        SchemaModel changed = with(base, List.of(new UserType("domain", "email", "text"), pair),
                List.of(y2025, new Partition("events", "events_2026", "DEFAULT")));
        assertThat(SchemaDiffer.diff(expected, changed)).extracting(SchemaDifference::type, SchemaDifference::change, SchemaDifference::aspect,
                SchemaDifference::repair).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ObjectType.DOMAIN, Change.CHANGED, "definition", null),
                        org.assertj.core.groups.Tuple.tuple(ObjectType.PARTITION, Change.CHANGED, "bound", null));
        // a partition of a table only one side has goes with that table
        assertThat(SchemaDiffer.diff(with(base, List.of(), List.of(y2025)), with(schema(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of()), List.of(), List.of()))).noneMatch(d -> d.type() == ObjectType.PARTITION);
    }

    private static SchemaModel with(SchemaModel m, List<UserType> types, List<Partition> partitions) {
        return new SchemaModel(m.tables(), m.columns(), m.constraints(), m.indexes(), m.enums(), m.extensions(), m.sequences(), m.views(),
                m.functions(), m.triggers(), m.rowSecurity(), m.policies(), m.privileges(), m.defaultPrivileges(), m.owners(), types, partitions);
    }
}
