package dev.preflight.db.schema;

import java.util.List;
import java.util.Map;

/**
 * A database schema as read from {@code pg_catalog}: the objects the migrations create, each with
 * the properties whose difference matters. Names are schema-qualified unless in {@code public}.
 */
public record SchemaModel(List<Table> tables, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                          List<EnumType> enums, List<Extension> extensions, List<Sequence> sequences, List<View> views,
                          List<Function> functions, List<Trigger> triggers, List<RowSecurity> rowSecurity, List<Policy> policies,
                          List<Privilege> privileges, List<DefaultPrivilege> defaultPrivileges, List<Owner> owners,
                          List<UserType> types, List<Partition> partitions) {

    /** A model without domains, composite types and partitions, for tests and tools that build models by hand. */
    public SchemaModel(List<Table> tables, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                       List<EnumType> enums, List<Extension> extensions, List<Sequence> sequences, List<View> views,
                       List<Function> functions, List<Trigger> triggers, List<RowSecurity> rowSecurity, List<Policy> policies,
                       List<Privilege> privileges, List<DefaultPrivilege> defaultPrivileges, List<Owner> owners) {
        this(tables, columns, constraints, indexes, enums, extensions, sequences, views, functions, triggers, rowSecurity, policies,
                privileges, defaultPrivileges, owners, List.of(), List.of());
    }

    /** A model without its security part (row level security, policies, privileges, owners). */
    public SchemaModel(List<Table> tables, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                       List<EnumType> enums, List<Extension> extensions, List<Sequence> sequences, List<View> views,
                       List<Function> functions, List<Trigger> triggers) {
        this(tables, columns, constraints, indexes, enums, extensions, sequences, views, functions, triggers,
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

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
        rowSecurity = List.copyOf(rowSecurity);
        policies = List.copyOf(policies);
        privileges = List.copyOf(privileges);
        defaultPrivileges = List.copyOf(defaultPrivileges);
        owners = List.copyOf(owners);
        types = List.copyOf(types);
        partitions = List.copyOf(partitions);
    }

    /** The same schema with another security part, for tests and tools that build models by hand. */
    public SchemaModel withSecurity(List<RowSecurity> rls, List<Policy> pols, List<Privilege> privs, List<DefaultPrivilege> defaults,
                                    List<Owner> own) {
        return new SchemaModel(tables, columns, constraints, indexes, enums, extensions, sequences, views, functions, triggers,
                rls, pols, privs, defaults, own, types, partitions);
    }

    /** The number of objects in the model, for "objects compared" in the report. */
    public int size() {
        return tables.size() + columns.size() + constraints.size() + indexes.size() + enums.size() + extensions.size()
                + sequences.size() + views.size() + functions.size() + triggers.size() + policies.size() + privileges.size()
                + defaultPrivileges.size() + owners.size() + types.size() + partitions.size();
    }

    /**
     * A domain or a composite type: {@code kind} is "domain" or "composite type"; {@code definition}
     * is what follows {@code CREATE DOMAIN name AS} (base type, collation, default, NOT NULL, named
     * checks in name order) or {@code CREATE TYPE name AS} (the attributes in order).
     */
    public record UserType(String kind, String name, String definition) {
    }

    /** A partition of a partitioned table, with its bound ({@code FOR VALUES FROM (...) TO (...)}, {@code DEFAULT}). */
    public record Partition(String parent, String name, String bound) {
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

    /*
     * Security. Role names are compared by name; the role that ran the migrations (the session's
     * current_user: the replay's superuser in the shadow, the migrating role on the target) reads
     * as CURRENT_USER on both sides, and the grantee 0 as PUBLIC. Both are SQL keywords, so repair
     * statements can use them as they are.
     */

    /** Row level security of a table: enabled, and forced on the table's owner too. */
    public record RowSecurity(String table, boolean enabled, boolean forced) {
    }

    /**
     * A row level security policy: command (ALL, SELECT, INSERT, UPDATE, DELETE), permissive or
     * restrictive, the roles it applies to (sorted), its USING and WITH CHECK expressions (null when absent).
     */
    public record Policy(String table, String name, String command, boolean permissive, List<String> roles, String using,
                         String withCheck) {
    }

    /**
     * One privilege granted on an object: {@code kind} is how GRANT names the object (TABLE,
     * SEQUENCE, SCHEMA), {@code column} is set for a column privilege; the owner's own privileges
     * are left out (ownership is compared on its own).
     */
    public record Privilege(String kind, String object, String column, String grantee, String privilege, boolean grantable) {
    }

    /**
     * One default privilege ({@code pg_default_acl}): objects {@code role} creates (in {@code schema},
     * or anywhere when null) of {@code objectType} (r tables, S sequences, f functions, T types, n schemas)
     * get {@code privilege} for {@code grantee}.
     */
    public record DefaultPrivilege(String role, String schema, String objectType, String grantee, String privilege, boolean grantable) {
    }

    /** The owner of an application object; {@code kind} is how ALTER names it (TABLE, VIEW, SEQUENCE, FUNCTION, TYPE, SCHEMA...). */
    public record Owner(String kind, String name, String owner) {
    }
}
