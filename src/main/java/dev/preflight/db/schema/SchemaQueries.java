package dev.preflight.db.schema;

import dev.preflight.db.CatalogQueries;

/**
 * The catalog queries the schema model is read with, in one place. Objects that belong to an
 * extension (pgvector's types and functions) and Preflight's own schema are left out: they are not
 * what the migrations declare. Parameter 1 of the table-level queries is the history table to skip.
 */
public final class SchemaQueries {

    /** Application schemas: not system schemas, not Preflight's own. */
    private static final String APP_NS = "(SELECT oid FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
            + "AND nspname NOT IN ('information_schema', '" + CatalogQueries.PREFLIGHT_SCHEMA + "'))";

    private static final String NOT_EXTENSION_MEMBER = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s AND d.deptype = 'e')";

    /** Renders a relation name: bare in public, schema-qualified elsewhere. */
    private static final String NAME = "CASE WHEN n.nspname = 'public' THEN %1$s ELSE n.nspname || '.' || %1$s END";

    public static final String TABLES = "SELECT " + NAME.formatted("c.relname") + " FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p') AND NOT c.relispartition "
            + "AND c.relnamespace IN " + APP_NS + " AND c.relname <> ? AND c.relname NOT IN " + CatalogQueries.NATIVE_HISTORY_TABLES + " ORDER BY 1";

    public static final String COLUMNS = "SELECT " + NAME.formatted("c.relname") + ", a.attname, a.attnum, "
            + "format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid) "
            + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
            + "WHERE c.relkind IN ('r','p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped "
            + "AND c.relnamespace IN " + APP_NS + " AND c.relname <> ? AND c.relname NOT IN " + CatalogQueries.NATIVE_HISTORY_TABLES + " ORDER BY 1, a.attnum";

    public static final String CONSTRAINTS = "SELECT " + NAME.formatted("c.relname") + ", co.conname, co.contype, "
            + "pg_get_constraintdef(co.oid, true) FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE co.contype IN ('p','f','u','c','x') "
            + "AND c.relnamespace IN " + APP_NS + " AND c.relname <> ? AND c.relname NOT IN " + CatalogQueries.NATIVE_HISTORY_TABLES + " ORDER BY 1, 2";

    /**
     * Indexes not backing a constraint. Column 5: key definitions (columns or expressions) from
     * {@code pg_get_indexdef(oid, k, true)}; column 6: operator class names; column 7: reloptions.
     */
    public static final String INDEXES = "SELECT " + NAME.formatted("t.relname") + ", ic.relname, am.amname, i.indisunique, "
            + "ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts) k ORDER BY k), "
            + "ARRAY(SELECT oc.opcname FROM unnest(i.indclass) WITH ORDINALITY u(oid, k) JOIN pg_opclass oc ON oc.oid = u.oid ORDER BY u.k), "
            + "ic.reloptions, pg_get_expr(i.indpred, i.indrelid, true), pg_get_indexdef(i.indexrelid) "
            + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
            + "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = ic.relam "
            + "WHERE t.relkind IN ('r','p') AND t.relnamespace IN " + APP_NS + " AND t.relname <> ? AND t.relname NOT IN " + CatalogQueries.NATIVE_HISTORY_TABLES + " "
            + "AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.contype IN ('p','u','x')) "
            + "ORDER BY 1, 2";

    public static final String ENUMS = "SELECT " + NAME.formatted("t.typname") + ", "
            + "ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) "
            + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' "
            + "AND t.typnamespace IN " + APP_NS + " AND " + NOT_EXTENSION_MEMBER.formatted("t.oid") + " ORDER BY 1";

    public static final String EXTENSIONS = "SELECT extname, extversion FROM pg_extension ORDER BY extname";

    /** Column 8: the table that owns the sequence (serial and identity columns), or null. */
    public static final String SEQUENCES = "SELECT " + NAME.formatted("c.relname") + ", format_type(s.seqtypid, NULL), "
            + "s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle, "
            + "(SELECT " + NAME.formatted("t.relname") + " FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid "
            + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass "
            + "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a','i') LIMIT 1) FROM pg_sequence s "
            + "JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relnamespace IN " + APP_NS + " AND " + NOT_EXTENSION_MEMBER.formatted("c.oid")
            + " AND c.relname NOT IN " + CatalogQueries.NATIVE_HISTORY_SEQUENCES + " ORDER BY 1";

    public static final String VIEWS = "SELECT " + NAME.formatted("c.relname") + ", c.relkind = 'm', pg_get_viewdef(c.oid, true) "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v','m') "
            + "AND c.relnamespace IN " + APP_NS + " AND " + NOT_EXTENSION_MEMBER.formatted("c.oid") + " ORDER BY 1";

    public static final String FUNCTIONS = "SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid) FROM pg_proc p "
            + "WHERE p.prokind IN ('f','p') AND p.pronamespace IN " + APP_NS + " AND "
            + NOT_EXTENSION_MEMBER.formatted("p.oid") + " ORDER BY 1";

    public static final String TRIGGERS = "SELECT " + NAME.formatted("c.relname") + ", tg.tgname, pg_get_triggerdef(tg.oid, true) "
            + "FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE NOT tg.tgisinternal AND c.relnamespace IN " + APP_NS + " ORDER BY 1, 2";

    private SchemaQueries() {
    }
}
