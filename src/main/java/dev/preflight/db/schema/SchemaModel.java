package dev.preflight.db.schema;

import java.util.List;
import java.util.Map;

/**
 * A database schema as read from {@code pg_catalog}: the objects the migrations create, each with
 * the properties whose difference matters. Names are schema-qualified unless in {@code public}.
 */
public record SchemaModel(List<Table> tables, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                          List<EnumType> enums, List<Extension> extensions, List<Sequence> sequences, List<View> views,
                          List<Function> functions, List<Trigger> triggers) {

    public SchemaModel {
        tables = List.copyOf(tables);
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
        enums = List.copyOf(enums);
        extensions = List.copyOf(extensions);
        sequences = List.copyOf(sequences);
        views = List.copyOf(views);
        functions = List.copyOf(functions);
        triggers = List.copyOf(triggers);
    }

    /** The number of objects in the model, for "objects compared" in the report. */
    public int size() {
        return tables.size() + columns.size() + constraints.size() + indexes.size() + enums.size() + extensions.size()
                + sequences.size() + views.size() + functions.size() + triggers.size();
    }

    /** A table (or partitioned table). */
    public record Table(String name) {
    }

    /** A column with its formatted type ({@code vector(1536)}, {@code timestamp(3) without time zone}), nullability and default. */
    public record Column(String table, String name, int position, String type, boolean notNull, String defaultExpression) {
    }

    /**
     * A table constraint: {@code type} is PostgreSQL's contype (p primary key, f foreign key, u unique,
     * c check, x exclusion); {@code definition} is {@code pg_get_constraintdef}.
     */
    public record Constraint(String table, String name, String type, String definition) {
    }

    /**
     * An index not owned by a constraint: access method, uniqueness, key columns or expressions,
     * operator classes, storage options (such as {@code lists=100}), predicate, and the full
     * {@code CREATE INDEX} statement.
     */
    public record Index(String table, String name, String method, boolean unique, List<String> keys, List<String> opclasses,
                        Map<String, String> options, String predicate, String definition) {
    }

    /** An enum type with its labels in sort order. */
    public record EnumType(String name, List<String> labels) {
    }

    /** An installed extension and its version. */
    public record Extension(String name, String version) {
    }

    /** A sequence with its data type, bounds, and the table owning it (serial or identity column; null if none). */
    public record Sequence(String name, String dataType, long start, long increment, long min, long max, boolean cycle,
                           String ownedBy) {

        /** The same sequence with another start, to compare options while ignoring where it started. */
        public Sequence withStart(long other) {
            return new Sequence(name, dataType, other, increment, min, max, cycle, ownedBy);
        }
    }

    /** A view or materialized view with its definition. */
    public record View(String name, boolean materialized, String definition) {
    }

    /** A function or procedure, by signature, with its {@code CREATE OR REPLACE} definition. */
    public record Function(String signature, String definition) {
    }

    /** A trigger with its {@code CREATE TRIGGER} definition. */
    public record Trigger(String table, String name, String definition) {
    }
}
