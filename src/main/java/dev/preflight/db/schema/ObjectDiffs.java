package dev.preflight.db.schema;

import static dev.preflight.db.schema.RepairSql.q;

import dev.preflight.db.schema.SchemaDifference.Change;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.db.schema.SchemaModel.Extension;
import dev.preflight.db.schema.SchemaModel.Function;
import dev.preflight.db.schema.SchemaModel.Partition;
import dev.preflight.db.schema.SchemaModel.Sequence;
import dev.preflight.db.schema.SchemaModel.Trigger;
import dev.preflight.db.schema.SchemaModel.UserType;
import dev.preflight.db.schema.SchemaModel.View;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The differ's rules for objects outside tables: extensions, types, sequences, views, functions, triggers and partitions. */
final class ObjectDiffs {

    private final List<SchemaDifference> out;

    ObjectDiffs(List<SchemaDifference> out) {
        this.out = out;
    }

    private void add(ObjectType type, Change change, String object, String table, String aspect, String expected, String actual,
                     Severity severity, String repair) {
        out.add(new SchemaDifference(type, change, object, table, aspect, expected, actual, severity, repair, change == Change.UNEXPECTED));
    }

    void extensions(List<Extension> expected, List<Extension> actual) {
        Map<String, Extension> e = SchemaDiffer.byKey(expected, Extension::name);
        Map<String, Extension> a = SchemaDiffer.byKey(actual, Extension::name);
        e.forEach((k, x) -> {
            Extension y = a.get(k);
            if (y == null) {
                add(ObjectType.EXTENSION, Change.MISSING, k, null, null, k + " " + x.version(), "absent", Severity.HIGH,
                        "CREATE EXTENSION IF NOT EXISTS " + q(k) + " WITH VERSION " + RepairSql.literal(x.version()) + ";");
            } else if (!x.version().equals(y.version())) {
                add(ObjectType.EXTENSION, Change.CHANGED, k, null, "version", x.version(), y.version(), Severity.LOW,
                        "ALTER EXTENSION " + q(k) + " UPDATE TO " + RepairSql.literal(x.version()) + ";");
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                add(ObjectType.EXTENSION, Change.UNEXPECTED, k, null, null, "absent", k + " " + y.version(), Severity.LOW,
                        "DROP EXTENSION IF EXISTS " + q(k) + ";");
            }
        });
    }

    void routines(SchemaModel expected, SchemaModel actual, Set<String> sharedTables) {
        Map<String, Sequence> es = SchemaDiffer.byKey(expected.sequences(), Sequence::name);
        Map<String, Sequence> as = SchemaDiffer.byKey(actual.sequences(), Sequence::name);
        es.forEach((k, x) -> {
            Sequence y = as.get(k);
            if (y == null) {
                add(ObjectType.SEQUENCE, Change.MISSING, k, null, null, x.dataType(), "absent", Severity.MEDIUM, RepairSql.sequence(x, true));
            } else if (!x.withStart(0).equals(y.withStart(0))) {
                add(ObjectType.SEQUENCE, Change.CHANGED, k, null, "options", x.toString(), y.toString(), Severity.LOW, RepairSql.sequence(x, false));
            }
        });
        as.forEach((k, y) -> {
            // A sequence owned by a table the migrations do not have goes with that table's DROP TABLE.
            boolean ownerUnexpected = y.ownedBy() != null && expected.tables().stream().noneMatch(t -> t.name().equals(y.ownedBy()));
            if (!es.containsKey(k) && !ownerUnexpected) {
                add(ObjectType.SEQUENCE, Change.UNEXPECTED, k, null, null, "absent", y.dataType(), Severity.LOW, "DROP SEQUENCE IF EXISTS " + q(k) + ";");
            }
        });
        Map<String, View> ev = SchemaDiffer.byKey(expected.views(), View::name);
        Map<String, View> av = SchemaDiffer.byKey(actual.views(), View::name);
        ev.forEach((k, x) -> {
            View y = av.get(k);
            String create = (x.materialized() ? "CREATE MATERIALIZED VIEW " : "CREATE OR REPLACE VIEW ") + q(k) + " AS\n" + x.definition();
            if (y == null) {
                add(ObjectType.VIEW, Change.MISSING, k, null, null, x.definition(), "absent", Severity.MEDIUM, create);
            } else if (!x.equals(y)) {
                add(ObjectType.VIEW, Change.CHANGED, k, null, "definition", x.definition(), y.definition(), Severity.MEDIUM,
                        (x.materialized() || y.materialized() ? dropView(y) + "\n" : "") + create);
            }
        });
        av.forEach((k, y) -> {
            if (!ev.containsKey(k)) {
                add(ObjectType.VIEW, Change.UNEXPECTED, k, null, null, "absent", y.definition(), Severity.LOW, dropView(y));
            }
        });
        Map<String, Function> ef = SchemaDiffer.byKey(expected.functions(), Function::signature);
        Map<String, Function> af = SchemaDiffer.byKey(actual.functions(), Function::signature);
        ef.forEach((k, x) -> {
            Function y = af.get(k);
            if (y == null || !x.definition().equals(y.definition())) {
                add(ObjectType.FUNCTION, y == null ? Change.MISSING : Change.CHANGED, k, null, y == null ? null : "definition",
                        x.definition(), y == null ? "absent" : y.definition(), Severity.MEDIUM, x.definition().strip() + ";");
            }
        });
        af.forEach((k, y) -> {
            if (!ef.containsKey(k)) {
                add(ObjectType.FUNCTION, Change.UNEXPECTED, k, null, null, "absent", y.definition(), Severity.LOW, "DROP FUNCTION IF EXISTS " + k + ";");
            }
        });
        triggers(expected.triggers().stream().filter(t -> sharedTables.contains(t.table())).toList(),
                actual.triggers().stream().filter(t -> sharedTables.contains(t.table())).toList());
    }

    /** Domains and composite types: missing ones are created; a changed one is left to a migration (its columns depend on it). */
    void types(List<UserType> expected, List<UserType> actual) {
        Map<String, UserType> e = SchemaDiffer.byKey(expected, UserType::name);
        Map<String, UserType> a = SchemaDiffer.byKey(actual, UserType::name);
        e.forEach((k, x) -> {
            UserType y = a.get(k);
            ObjectType type = x.kind().equals("domain") ? ObjectType.DOMAIN : ObjectType.COMPOSITE_TYPE;
            String create = (type == ObjectType.DOMAIN ? "CREATE DOMAIN " : "CREATE TYPE ") + q(k) + " AS " + x.definition() + ";";
            if (y == null) {
                add(type, Change.MISSING, k, null, null, x.definition(), "absent", Severity.HIGH, create);
            } else if (!x.equals(y)) {
                add(type, Change.CHANGED, k, null, "definition", x.definition(), y.kind().equals(x.kind()) ? y.definition() : y.kind() + " " + y.definition(),
                        Severity.MEDIUM, null);
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                ObjectType type = y.kind().equals("domain") ? ObjectType.DOMAIN : ObjectType.COMPOSITE_TYPE;
                add(type, Change.UNEXPECTED, k, null, null, "absent", y.definition(), Severity.LOW,
                        (type == ObjectType.DOMAIN ? "DROP DOMAIN IF EXISTS " : "DROP TYPE IF EXISTS ") + q(k) + ";");
            }
        });
    }

    /**
     * Partitions of the partitioned tables both sides have: a missing one is created (rows of its range
     * have nowhere to go); an unexpected one (made by hand, or by pg_partman) is detached, which keeps
     * its rows in a table of its own; a changed bound is left to a migration, as rows would move.
     */
    void partitions(List<Partition> expected, List<Partition> actual, Set<String> sharedTables) {
        Map<String, Partition> e = SchemaDiffer.byKey(expected.stream().filter(p -> sharedTables.contains(p.parent())).toList(), Partition::name);
        Map<String, Partition> a = SchemaDiffer.byKey(actual.stream().filter(p -> sharedTables.contains(p.parent())).toList(), Partition::name);
        e.forEach((k, x) -> {
            Partition y = a.get(k);
            if (y == null) {
                add(ObjectType.PARTITION, Change.MISSING, k, x.parent(), null, x.bound(), "absent", Severity.MEDIUM,
                        "CREATE TABLE " + q(k) + " PARTITION OF " + q(x.parent()) + " " + x.bound() + ";");
            } else if (!x.equals(y)) {
                add(ObjectType.PARTITION, Change.CHANGED, k, x.parent(), "bound", x.parent() + " " + x.bound(), y.parent() + " " + y.bound(),
                        Severity.MEDIUM, null);
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                add(ObjectType.PARTITION, Change.UNEXPECTED, k, y.parent(), null, "absent", y.bound(), Severity.LOW,
                        "ALTER TABLE " + q(y.parent()) + " DETACH PARTITION " + q(k) + ";");
            }
        });
    }

    private static String dropView(View v) {
        return (v.materialized() ? "DROP MATERIALIZED VIEW IF EXISTS " : "DROP VIEW IF EXISTS ") + q(v.name()) + ";";
    }

    private void triggers(List<Trigger> expected, List<Trigger> actual) {
        Map<String, Trigger> e = SchemaDiffer.byKey(expected, t -> t.table() + "." + t.name());
        Map<String, Trigger> a = SchemaDiffer.byKey(actual, t -> t.table() + "." + t.name());
        e.forEach((k, x) -> {
            Trigger y = a.get(k);
            if (y == null) {
                add(ObjectType.TRIGGER, Change.MISSING, x.name(), x.table(), null, x.definition(), "absent", Severity.MEDIUM, x.definition() + ";");
            } else if (!x.definition().equals(y.definition())) {
                add(ObjectType.TRIGGER, Change.CHANGED, x.name(), x.table(), "definition", x.definition(), y.definition(), Severity.MEDIUM,
                        dropTrigger(y) + "\n" + x.definition() + ";");
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                add(ObjectType.TRIGGER, Change.UNEXPECTED, y.name(), y.table(), null, "absent", y.definition(), Severity.LOW, dropTrigger(y));
            }
        });
    }

    private static String dropTrigger(Trigger t) {
        return "DROP TRIGGER IF EXISTS " + q(t.name()) + " ON " + q(t.table()) + ";";
    }
}
