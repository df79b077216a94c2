package dev.preflight.db.schema;

import static dev.preflight.db.schema.RepairSql.q;

import dev.preflight.db.schema.SchemaDifference.Change;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.db.schema.SchemaModel.Column;
import dev.preflight.db.schema.SchemaModel.Constraint;
import dev.preflight.db.schema.SchemaModel.EnumType;
import dev.preflight.db.schema.SchemaModel.Index;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares two schema models, the one the migrations build (expected) and the database's (actual),
 * into differences. A pure function: no database, so every rule is unit-tested in memory. Objects
 * of a table that is missing or unexpected as a whole are folded into that table's difference.
 */
public final class SchemaDiffer {

    private final List<SchemaDifference> out = new ArrayList<>();

    private SchemaDiffer() {
    }

    public static List<SchemaDifference> diff(SchemaModel expected, SchemaModel actual) {
        SchemaDiffer d = new SchemaDiffer();
        Set<String> expectedTables = expected.tables().stream().map(SchemaModel.Table::name).collect(Collectors.toSet());
        Set<String> actualTables = actual.tables().stream().map(SchemaModel.Table::name).collect(Collectors.toSet());
        Set<String> shared = expectedTables.stream().filter(actualTables::contains).collect(Collectors.toSet());
        new ObjectDiffs(d.out).extensions(expected.extensions(), actual.extensions());
        d.enums(expected, actual);
        new ObjectDiffs(d.out).types(expected.types(), actual.types());
        new ObjectDiffs(d.out).routines(expected, actual, shared);
        d.tables(expected, actual, expectedTables, actualTables);
        d.columns(only(expected.columns(), Column::table, shared), only(actual.columns(), Column::table, shared));
        d.constraints(only(expected.constraints(), Constraint::table, shared), only(actual.constraints(), Constraint::table, shared));
        d.indexes(only(expected.indexes(), Index::table, shared), only(actual.indexes(), Index::table, shared));
        new ObjectDiffs(d.out).partitions(expected.partitions(), actual.partitions(), shared);
        SecurityDiffs security = new SecurityDiffs(d.out);
        security.rowSecurity(expected.rowSecurity(), actual.rowSecurity(), shared);
        security.policies(expected.policies(), actual.policies(), shared);
        new PrivilegeDiffs(d.out).privileges(expected.privileges(), actual.privileges(), sharedObjects(expected, actual, shared));
        new PrivilegeDiffs(d.out).defaultPrivileges(expected.defaultPrivileges(), actual.defaultPrivileges());
        security.owners(expected.owners(), actual.owners());
        d.out.sort(Comparator.comparingInt(SchemaDifference::repairOrder).thenComparing(SchemaDifference::subject));
        return List.copyOf(d.out);
    }

    /** Names of the objects both models have that privileges attach to: tables, views, sequences, columns, schemas. */
    private static Set<String> sharedObjects(SchemaModel expected, SchemaModel actual, Set<String> sharedTables) {
        Set<String> e = new java.util.HashSet<>(sharedTables);
        expected.views().forEach(v -> e.add(v.name()));
        expected.sequences().forEach(s -> e.add(s.name()));
        expected.columns().forEach(c -> e.add(c.table() + "." + c.name()));
        expected.owners().stream().filter(o -> o.kind().equals("SCHEMA")).forEach(o -> e.add(o.name()));
        Set<String> a = new java.util.HashSet<>(sharedTables);
        actual.views().forEach(v -> a.add(v.name()));
        actual.sequences().forEach(s -> a.add(s.name()));
        actual.columns().forEach(c -> a.add(c.table() + "." + c.name()));
        actual.owners().stream().filter(o -> o.kind().equals("SCHEMA")).forEach(o -> a.add(o.name()));
        e.retainAll(a);
        return e;
    }

    private static <T> List<T> only(List<T> items, Function<T, String> table, Set<String> tables) {
        return items.stream().filter(i -> tables.contains(table.apply(i))).toList();
    }

    static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> m = new LinkedHashMap<>();
        items.forEach(i -> m.put(key.apply(i), i));
        return m;
    }

    private void add(ObjectType type, Change change, String object, String table, String aspect, String expected, String actual,
                     Severity severity, String repair) {
        out.add(new SchemaDifference(type, change, object, table, aspect, expected, actual, severity, repair, change == Change.UNEXPECTED));
    }

    private void tables(SchemaModel expected, SchemaModel actual, Set<String> expectedTables, Set<String> actualTables) {
        for (String t : expectedTables) {
            if (!actualTables.contains(t)) {
                add(ObjectType.TABLE, Change.MISSING, t, null, null, "table " + t, "absent", Severity.HIGH,
                        RepairSql.createTable(t, of(expected.columns(), Column::table, t), of(expected.constraints(), Constraint::table, t),
                                of(expected.indexes(), Index::table, t)));
            }
        }
        for (String t : actualTables) {
            if (!expectedTables.contains(t)) {
                add(ObjectType.TABLE, Change.UNEXPECTED, t, null, null, "absent", "table " + t + " ("
                        + of(actual.columns(), Column::table, t).size() + " columns)", Severity.LOW, "DROP TABLE IF EXISTS " + q(t) + ";");
            }
        }
    }

    private static <T> List<T> of(List<T> items, Function<T, String> table, String name) {
        return items.stream().filter(i -> table.apply(i).equals(name)).toList();
    }

    private void columns(List<Column> expected, List<Column> actual) {
        Map<String, Column> e = byKey(expected, c -> c.table() + "." + c.name());
        Map<String, Column> a = byKey(actual, c -> c.table() + "." + c.name());
        e.forEach((k, x) -> {
            Column y = a.get(k);
            if (y == null) {
                add(ObjectType.COLUMN, Change.MISSING, k, x.table(), null, x.type() + (x.notNull() ? " NOT NULL" : ""), "absent",
                        Severity.HIGH, RepairSql.addColumn(x));
                return;
            }
            if (!x.type().equals(y.type())) {
                add(ObjectType.COLUMN, Change.CHANGED, k, x.table(), "type", x.type(), y.type(), Severity.HIGH, RepairSql.alterType(x));
            }
            if (x.notNull() != y.notNull()) {
                add(ObjectType.COLUMN, Change.CHANGED, k, x.table(), "nullability", x.notNull() ? "NOT NULL" : "NULL",
                        y.notNull() ? "NOT NULL" : "NULL", x.notNull() ? Severity.MEDIUM : Severity.HIGH, RepairSql.alterNullability(x));
            }
            if (!Objects.equals(x.defaultExpression(), y.defaultExpression())) {
                add(ObjectType.COLUMN, Change.CHANGED, k, x.table(), "default", String.valueOf(x.defaultExpression()),
                        String.valueOf(y.defaultExpression()), Severity.MEDIUM, RepairSql.alterDefault(x));
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                add(ObjectType.COLUMN, Change.UNEXPECTED, k, y.table(), null, "absent", y.type(), Severity.LOW, RepairSql.dropColumn(y));
            }
        });
    }

    private void constraints(List<Constraint> expected, List<Constraint> actual) {
        Map<String, Constraint> e = byKey(expected, c -> c.table() + "." + c.name());
        Map<String, Constraint> a = byKey(actual, c -> c.table() + "." + c.name());
        e.forEach((k, x) -> {
            Constraint y = a.get(k);
            ObjectType type = x.type().equals("f") ? ObjectType.FOREIGN_KEY : ObjectType.CONSTRAINT;
            Severity severity = x.type().equals("c") ? Severity.MEDIUM : Severity.HIGH;
            if (y == null) {
                add(type, Change.MISSING, x.name(), x.table(), null, x.definition(), "absent", severity, RepairSql.addConstraint(x));
            } else if (!x.definition().equals(y.definition())) {
                add(type, Change.CHANGED, x.name(), x.table(), "definition", x.definition(), y.definition(), severity,
                        RepairSql.dropConstraint(y) + "\n" + RepairSql.addConstraint(x));
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                boolean restricts = y.type().equals("f") || y.type().equals("c");
                add(y.type().equals("f") ? ObjectType.FOREIGN_KEY : ObjectType.CONSTRAINT, Change.UNEXPECTED, y.name(), y.table(), null,
                        "absent", y.definition(), restricts ? Severity.MEDIUM : Severity.LOW, RepairSql.dropConstraint(y));
            }
        });
    }

    private void indexes(List<Index> expected, List<Index> actual) {
        Map<String, Index> e = byKey(expected, i -> i.table() + "." + i.name());
        Map<String, Index> a = byKey(actual, i -> i.table() + "." + i.name());
        e.forEach((k, x) -> {
            Index y = a.get(k);
            if (y == null) {
                add(ObjectType.INDEX, Change.MISSING, x.name(), x.table(), null, x.definition(), "absent",
                        x.unique() ? Severity.HIGH : Severity.MEDIUM, x.definition() + ";");
                return;
            }
            String aspect = indexAspect(x, y);
            if (aspect != null) {
                add(ObjectType.INDEX, Change.CHANGED, x.name(), x.table(), aspect, x.definition(), y.definition(),
                        x.unique() != y.unique() ? Severity.HIGH : Severity.MEDIUM, RepairSql.dropIndex(y) + "\n" + x.definition() + ";");
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                add(ObjectType.INDEX, Change.UNEXPECTED, y.name(), y.table(), null, "absent", y.definition(),
                        y.unique() ? Severity.MEDIUM : Severity.LOW, RepairSql.dropIndex(y));
            }
        });
    }

    /** Names what differs between two indexes of the same name, or null when they are the same. */
    static String indexAspect(Index x, Index y) {
        List<String> aspects = new ArrayList<>();
        if (!x.method().equals(y.method())) {
            aspects.add("method");
        }
        if (x.unique() != y.unique()) {
            aspects.add("uniqueness");
        }
        if (!x.keys().equals(y.keys())) {
            aspects.add("columns");
        }
        if (!x.opclasses().equals(y.opclasses())) {
            aspects.add("operator class");
        }
        if (!x.options().equals(y.options())) {
            aspects.add("options");
        }
        if (!Objects.equals(x.predicate(), y.predicate())) {
            aspects.add("predicate");
        }
        return aspects.isEmpty() ? null : String.join(", ", aspects);
    }

    private void enums(SchemaModel expected, SchemaModel actual) {
        Map<String, EnumType> e = byKey(expected.enums(), EnumType::name);
        Map<String, EnumType> a = byKey(actual.enums(), EnumType::name);
        e.forEach((k, x) -> {
            EnumType y = a.get(k);
            if (y == null) {
                add(ObjectType.ENUM, Change.MISSING, k, null, null, x.labels().toString(), "absent", Severity.HIGH, RepairSql.createEnum(x));
            } else if (!x.labels().equals(y.labels())) {
                boolean onlyExtra = y.labels().containsAll(x.labels());
                List<Column> users = actual.columns().stream().filter(c -> c.type().equals(k) || c.type().equals(q(k))).toList();
                add(ObjectType.ENUM, Change.CHANGED, k, null, "labels", x.labels().toString(), y.labels().toString(),
                        onlyExtra ? Severity.LOW : Severity.HIGH, RepairSql.repairEnum(x, y, users));
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                add(ObjectType.ENUM, Change.UNEXPECTED, k, null, null, "absent", y.labels().toString(), Severity.LOW, "DROP TYPE IF EXISTS " + q(k) + ";");
            }
        });
    }
}
