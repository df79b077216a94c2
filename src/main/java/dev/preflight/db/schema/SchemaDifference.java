package dev.preflight.db.schema;

import dev.preflight.report.Severity;
import java.util.Locale;

/**
 * One way the database differs from what its migrations build: the object, what the migrations
 * give against what the database has, how much it matters, and the SQL that would bring the
 * database back (null when SQL cannot express it).
 */
public record SchemaDifference(ObjectType type, Change change, String object, String table, String aspect,
                               String expected, String actual, Severity severity, String repair, boolean destructive) {

    /** Kinds of schema object, in the order their creation must run. */
    public enum ObjectType { EXTENSION, ENUM, DOMAIN, COMPOSITE_TYPE, SEQUENCE, TABLE, COLUMN, CONSTRAINT, INDEX, FOREIGN_KEY, PARTITION,
        VIEW, FUNCTION, TRIGGER, OWNER, ROW_SECURITY, POLICY, PRIVILEGE, DEFAULT_PRIVILEGE }

    /** Whether the object is missing from the database, present but not in the migrations, or different. */
    public enum Change { MISSING, UNEXPECTED, CHANGED }

    /** The object as a subject line: "column chunks.embedding", "index chunks_idx on chunks". */
    public String subject() {
        if (type == ObjectType.ROW_SECURITY) {
            return "row level security on " + object;
        }
        if (type == ObjectType.OWNER) {
            return "owner of " + object;
        }
        String kind = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return table != null && type != ObjectType.COLUMN ? kind + " " + object + " on " + table : kind + " " + object;
    }

    /** One sentence: "column chunks.embedding: type differs" and so on. */
    public String describe() {
        return switch (change) {
            case MISSING -> subject() + " is in the migrations but missing from the database";
            case UNEXPECTED -> subject() + " exists in the database but no migration creates it";
            case CHANGED -> subject() + " differs from the migrations in its " + aspect;
        };
    }

    /** Order for drift.sql: drops first (dependants before what they depend on), then changes, then creations. */
    @SuppressWarnings("EnumOrdinal") // ObjectType is declared in creation order: its ordinal is that order
    public int repairOrder() {
        int n = ObjectType.values().length;
        return switch (change) {
            case UNEXPECTED -> n - type.ordinal();
            case CHANGED -> n + type.ordinal();
            case MISSING -> 2 * n + type.ordinal();
        };
    }
}
