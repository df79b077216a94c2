package dev.preflight.db;

/**
 * Every catalog query Preflight runs, in one place. "Application schemas" are all schemas but the
 * system ones and Preflight's own ({@value #PREFLIGHT_SCHEMA}).
 */
public final class CatalogQueries {

    public static final String PREFLIGHT_SCHEMA = "preflight";

    /** A predicate on a namespace OID column selecting application schemas. */
    private static final String APP_NS = "(SELECT oid FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
            + "AND nspname NOT IN ('information_schema', '" + PREFLIGHT_SCHEMA + "'))";

    /**
     * SQL that is true unless {@code alias} (a pg_class row) is a history table of the migration tools Preflight reads:
     * bookkeeping, never application schema, so counts and drift leave them out whatever the layout. Flyway's, Prisma's
     * and Drizzle's names are their own anywhere; the generic {@code schema_migrations} (golang-migrate, dbmate) and
     * {@code schemaversion} (Postgrator) only in the connection's current schema, where those tools create them: Supabase's
     * {@code auth.schema_migrations} is an application table like any other.
     */
    public static String notNativeHistory(String alias) {
        return "NOT (" + alias + ".relname IN ('flyway_schema_history', '_prisma_migrations', '__drizzle_migrations') OR ("
                + alias + ".relname IN ('schemaversion', 'schema_migrations') AND " + alias
                + ".relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())))";
    }

    /** Sequences owned by a history table (Drizzle's SERIAL id). */
    public static final String NATIVE_HISTORY_SEQUENCES = "('__drizzle_migrations_id_seq')";

    /** Parameter 1: the history table name to leave out. */
    public static final String TABLE_COUNT = "SELECT count(*) FROM pg_class c WHERE c.relkind IN ('r','p') "
            + "AND NOT c.relispartition AND c.relnamespace IN " + APP_NS + " AND c.relname <> ? AND " + notNativeHistory("c");

    public static final String ENUM_COUNT = "SELECT count(*) FROM pg_type t WHERE t.typtype = 'e' AND t.typnamespace IN " + APP_NS;

    public static final String FOREIGN_KEY_COUNT = "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace IN " + APP_NS;

    /** Parameter 1: history table name. Indexes of the history table are left out. */
    public static final String INDEX_COUNT = "SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            + "WHERE t.relnamespace IN " + APP_NS + " AND t.relname <> ? AND " + notNativeHistory("t");

    /** Unique constraints and unique indexes, primary keys excluded. Parameter 1: history table name. */
    public static final String UNIQUE_COUNT = "SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            + "WHERE i.indisunique AND NOT i.indisprimary AND t.relnamespace IN " + APP_NS + " AND t.relname <> ? AND " + notNativeHistory("t");

    public static final String VIEW_COUNT = "SELECT count(*) FROM pg_class WHERE relkind IN ('v','m') AND relnamespace IN " + APP_NS;

    public static final String SEQUENCE_COUNT = "SELECT count(*) FROM pg_class WHERE relkind = 'S' AND relnamespace IN " + APP_NS
            + " AND relname NOT IN " + NATIVE_HISTORY_SEQUENCES;

    /** User functions, those created by extensions excluded. */
    public static final String FUNCTION_COUNT = "SELECT count(*) FROM pg_proc p WHERE p.pronamespace IN " + APP_NS
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')";

    public static final String EXTENSIONS = "SELECT extname, extversion FROM pg_extension ORDER BY extname";

    public static final String SERVER = "SELECT current_setting('server_version'), current_setting('server_version_num')::int, "
            + "current_database(), current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)";

    private static final String VECTOR_ATTRIBUTES = "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
            + "WHERE t.typname IN ('vector','halfvec','sparsevec') AND c.relkind IN ('r','p') AND NOT a.attisdropped AND a.attnum > 0 "
            + "AND c.relnamespace IN " + APP_NS;

    /**
     * Vector-typed columns with their declared dimension (atttypmod, -1 when undeclared), of the tables the role can
     * count: a column it may not read is left out here and named by IDX003, never a crash of the report.
     */
    public static final String VECTOR_COLUMNS = "SELECT n.nspname, c.relname, a.attname, t.typname, a.atttypmod "
            + VECTOR_ATTRIBUTES + " AND has_column_privilege(c.oid, a.attnum, 'SELECT') ORDER BY c.relname, a.attnum";

    /**
     * IDX003: vector columns the connecting role cannot measure in full: row-level security active for it on the table
     * ({@code row_security_active}: enabled and not the owner, or forced; never for a superuser or BYPASSRLS), or no
     * SELECT on the column. Schema, table, column, RLS active, forced, readable.
     */
    public static final String UNMEASURED_VECTOR_COLUMNS = "SELECT n.nspname, c.relname, a.attname, "
            + "c.relrowsecurity AND row_security_active(c.oid), c.relforcerowsecurity, has_column_privilege(c.oid, a.attnum, 'SELECT') "
            + VECTOR_ATTRIBUTES + " AND ((c.relrowsecurity AND row_security_active(c.oid)) OR NOT has_column_privilege(c.oid, a.attnum, 'SELECT')) "
            + "ORDER BY c.relname, a.attnum";

    /**
     * Indexes using the ivfflat or hnsw access methods, first key column and opclass, options and size; then what
     * decides which rows the index holds: its first key as SQL, its predicate (NULL unless partial), and the opclass's
     * norm function (support function 2: set for the cosine opclasses, whose indexes leave out zero vectors).
     */
    public static final String VECTOR_INDEXES = "SELECT n.nspname, ic.relname AS index_name, tc.relname AS table_name, "
            + "a.attname, am.amname, oc.opcname, ic.reloptions, pg_relation_size(ic.oid), i.indisvalid, "
            + "pg_get_indexdef(i.indexrelid, 1, true), pg_get_expr(i.indpred, i.indrelid), "
            + "(SELECT p.amproc::regproc::text FROM pg_amproc p WHERE p.amprocfamily = oc.opcfamily AND p.amprocnum = 2 "
            + "AND p.amproclefttype = oc.opcintype AND p.amprocrighttype = oc.opcintype) "
            + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid "
            + "JOIN pg_namespace n ON n.oid = ic.relnamespace JOIN pg_am am ON am.oid = ic.relam "
            + "LEFT JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = i.indkey[0] "
            + "LEFT JOIN pg_opclass oc ON oc.oid = i.indclass[0] "
            + "WHERE am.amname IN ('ivfflat','hnsw') AND tc.relnamespace IN " + APP_NS + " AND has_table_privilege(tc.oid, 'SELECT') "
            + "ORDER BY tc.relname, ic.relname";

    /** Parameters 1 and 2: schema and table name. */
    public static final String TABLE_EXISTS = "SELECT to_regclass(quote_ident(?) || '.' || quote_ident(?)) IS NOT NULL";

    /** Parameter 1: extension name. Default version, installed version, and whether it is trusted. */
    public static final String AVAILABLE_EXTENSION = "SELECT e.default_version, e.installed_version, "
            + "COALESCE((SELECT v.trusted FROM pg_available_extension_versions v WHERE v.name = e.name AND v.version = e.default_version), false) "
            + "FROM pg_available_extensions e WHERE e.name = ?";

    public static final String CAN_CREATE_IN_DATABASE = "SELECT has_database_privilege(current_user, current_database(), 'CREATE')";

    /** Seed job. Parameter 1: schema. Columns of its tables: type as written in SQL, NOT NULL, whether a value is supplied when omitted. */
    public static final String SEED_COLUMNS = "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
            + "a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '', a.attgenerated <> '', t.typname, "
            // the type without its length: typmod -1 (not NULL) keeps char and bit from reading as char(1) and bit(1)
            + "format_type(a.atttypid, -1), "
            // an equality operator exists when the type (a domain's base type) or one it is implicitly binary-coercible to has a
            // default btree or hash operator class; json, xml and point have none
            + "EXISTS (SELECT 1 FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod WHERE oc.opcdefault "
            + "AND am.amname IN ('btree', 'hash') AND (oc.opcintype = bt.oid OR oc.opcintype IN "
            + "(SELECT casttarget FROM pg_cast WHERE castsource = bt.oid AND castmethod = 'b' AND castcontext = 'i'))) "
            + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "JOIN pg_type t ON t.oid = a.atttypid "
            + "JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END "
            + "WHERE n.nspname = ? AND c.relkind IN ('r','p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped "
            + "ORDER BY c.relname, a.attnum";

    /** Seed job. Parameter 1: schema. Primary key columns in key order. */
    public static final String SEED_PRIMARY_KEYS = "SELECT c.relname, a.attname FROM pg_index i "
            + "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
            + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
            + "WHERE i.indisprimary AND n.nspname = ? ORDER BY c.relname, k.ord";

    /** Seed job. Parameter 1: schema. Foreign keys of its tables, one row per column pair, in key order. */
    public static final String SEED_FOREIGN_KEYS = "SELECT con.conname, c.relname, pc.relname, pn.nspname, ca.attname, pa.attname "
            + "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "JOIN pg_class pc ON pc.oid = con.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace "
            + "CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(child_att, parent_att, ord) "
            + "JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.child_att "
            + "JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.parent_att "
            + "WHERE con.contype = 'f' AND n.nspname = ? ORDER BY c.relname, con.conname, k.ord";

    /**
     * Seed job. Parameter 1: a table as regclass text. The sequences its columns own (serial columns and identity
     * columns alike), with the column and the sequence's increment.
     */
    public static final String SEED_OWNED_SEQUENCES = "SELECT a.attname, s.oid::regclass::text, ps.seqincrement FROM pg_depend d "
            + "JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' JOIN pg_sequence ps ON ps.seqrelid = s.oid "
            + "JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
            + "WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
            + "AND d.refobjid = ?::regclass ORDER BY a.attnum";

    /** Parameter 1: an enum type name as written in SQL. Its labels in order, for error remedies. */
    public static final String ENUM_LABELS = "SELECT string_agg(enumlabel, ', ' ORDER BY enumsortorder) FROM pg_enum "
            + "WHERE enumtypid = ?::regtype";

    private CatalogQueries() {
    }
}
