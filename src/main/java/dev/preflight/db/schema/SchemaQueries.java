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
            + "AND c.relnamespace IN " + APP_NS + " AND c.relname <> ? AND " + CatalogQueries.notNativeHistory("c") + " ORDER BY 1";

    public static final String COLUMNS = "SELECT " + NAME.formatted("c.relname") + ", a.attname, a.attnum, "
            + "format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid) "
            + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
            + "WHERE c.relkind IN ('r','p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped "
            + "AND c.relnamespace IN " + APP_NS + " AND c.relname <> ? AND " + CatalogQueries.notNativeHistory("c") + " ORDER BY 1, a.attnum";

    public static final String CONSTRAINTS = "SELECT " + NAME.formatted("c.relname") + ", co.conname, co.contype, "
            + "pg_get_constraintdef(co.oid, true) FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE co.contype IN ('p','f','u','c','x') "
            + "AND c.relnamespace IN " + APP_NS + " AND c.relname <> ? AND " + CatalogQueries.notNativeHistory("c") + " ORDER BY 1, 2";

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
            + "WHERE t.relkind IN ('r','p') AND t.relnamespace IN " + APP_NS + " AND t.relname <> ? AND " + CatalogQueries.notNativeHistory("t") + " "
            + "AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.contype IN ('p','u','x')) "
            + "ORDER BY 1, 2";

    public static final String ENUMS = "SELECT " + NAME.formatted("t.typname") + ", "
            + "ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) "
            + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' "
            + "AND t.typnamespace IN " + APP_NS + " AND " + NOT_EXTENSION_MEMBER.formatted("t.oid") + " ORDER BY 1";

    /** Domains (kind, name, definition after AS) and composite types (the attributes in parentheses). */
    public static final String USER_TYPES = "SELECT 'domain', " + NAME.formatted("t.typname") + ", format_type(t.typbasetype, t.typtypmod)"
            + " || CASE WHEN t.typcollation <> 0 AND t.typcollation <> (SELECT b.typcollation FROM pg_type b WHERE b.oid = t.typbasetype)"
            + " THEN ' COLLATE ' || (SELECT quote_ident(co.collname) FROM pg_collation co WHERE co.oid = t.typcollation) ELSE '' END"
            + " || coalesce(' DEFAULT ' || t.typdefault, '') || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END"
            + " || coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid), '' ORDER BY k.conname)"
            + " FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c'), '') "
            + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'd' "
            + "AND t.typnamespace IN " + APP_NS + " AND " + NOT_EXTENSION_MEMBER.formatted("t.oid") + " "
            + "UNION ALL SELECT 'composite type', " + NAME.formatted("t.typname") + ", '(' || coalesce((SELECT string_agg("
            + "quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) FROM pg_attribute a "
            + "WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')' "
            + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid "
            + "WHERE t.typtype = 'c' AND c.relkind = 'c' AND t.typnamespace IN " + APP_NS + " AND " + NOT_EXTENSION_MEMBER.formatted("t.oid")
            + " ORDER BY 1, 2";

    /** Partitions of the application's partitioned tables: parent, partition, bound. */
    public static final String PARTITIONS = "SELECT (SELECT " + NAME.formatted("p.relname") + " FROM pg_class p JOIN pg_namespace n "
            + "ON n.oid = p.relnamespace WHERE p.oid = i.inhparent), " + NAME.formatted("c.relname") + ", pg_get_expr(c.relpartbound, c.oid) "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_inherits i ON i.inhrelid = c.oid "
            + "WHERE c.relispartition AND c.relkind IN ('r','p') AND c.relnamespace IN " + APP_NS + " ORDER BY 2";

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

    /** Renders a role oid: PUBLIC for 0, CURRENT_USER for the session's role, else its name (see SchemaModel). */
    private static final String ROLE = "CASE WHEN %1$s = 0 THEN 'PUBLIC' WHEN pg_get_userbyid(%1$s) = current_user THEN 'CURRENT_USER' "
            + "ELSE pg_get_userbyid(%1$s)::text END";

    /** Tables and partitioned tables of the application (not partitions, not the history table), as {@code c}. */
    private static final String APP_TABLES = "c.relkind IN ('r','p') AND NOT c.relispartition AND c.relnamespace IN " + APP_NS
            + " AND c.relname <> ?";

    public static final String ROW_SECURITY = "SELECT " + NAME.formatted("c.relname") + ", c.relrowsecurity, c.relforcerowsecurity "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + APP_TABLES + " ORDER BY 1";

    /** Column 5: the roles, sorted; columns 6 and 7: USING and WITH CHECK. */
    public static final String POLICIES = "SELECT " + NAME.formatted("c.relname") + ", p.polname, "
            + "CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END, "
            + "p.polpermissive, ARRAY(SELECT " + ROLE.formatted("r") + " FROM unnest(p.polroles) r ORDER BY 1), "
            + "pg_get_expr(p.polqual, p.polrelid, true), pg_get_expr(p.polwithcheck, p.polrelid, true) "
            + "FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relnamespace IN " + APP_NS + " AND c.relname <> ? ORDER BY 1, 2";

    /** Privileges on tables, views and sequences (a NULL acl is the built-in default), the owner's own left out. */
    public static final String TABLE_PRIVILEGES = "SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, "
            + NAME.formatted("c.relname") + ", NULL, " + ROLE.formatted("a.grantee") + ", a.privilege_type, a.is_grantable "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, "
            + "aclexplode(coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::\"char\", c.relowner))) a "
            + "WHERE c.relkind IN ('r','p','v','m','S','f') AND NOT c.relispartition AND c.relnamespace IN " + APP_NS
            + " AND c.relname <> ? AND a.grantee <> c.relowner AND " + NOT_EXTENSION_MEMBER.formatted("c.oid") + " ORDER BY 2, 4, 5";

    public static final String COLUMN_PRIVILEGES = "SELECT 'COLUMN', " + NAME.formatted("c.relname") + ", att.attname, "
            + ROLE.formatted("a.grantee") + ", a.privilege_type, a.is_grantable "
            + "FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace, "
            + "aclexplode(att.attacl) a WHERE att.attacl IS NOT NULL AND att.attnum > 0 AND NOT att.attisdropped "
            + "AND c.relkind IN ('r','p','v','m','f') AND NOT c.relispartition AND c.relnamespace IN " + APP_NS
            + " AND c.relname <> ? AND a.grantee <> c.relowner ORDER BY 2, 3, 4, 5";

    /** Privileges on application schemas other than public (whose grants come with the database, not the migrations). */
    public static final String SCHEMA_PRIVILEGES = "SELECT 'SCHEMA', n.nspname, NULL, " + ROLE.formatted("a.grantee")
            + ", a.privilege_type, a.is_grantable FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n'::\"char\", n.nspowner))) a "
            + "WHERE n.oid IN " + APP_NS + " AND n.nspname <> 'public' AND a.grantee <> n.nspowner AND "
            + NOT_EXTENSION_MEMBER.formatted("n.oid") + " ORDER BY 2, 4, 5";

    /** Column 2: the schema, or null for defaults that apply in every schema. */
    public static final String DEFAULT_PRIVILEGES = "SELECT " + ROLE.formatted("d.defaclrole") + ", "
            + "(SELECT nspname FROM pg_namespace WHERE oid = d.defaclnamespace), d.defaclobjtype::text, " + ROLE.formatted("a.grantee")
            + ", a.privilege_type, a.is_grantable FROM pg_default_acl d, aclexplode(d.defaclacl) a "
            + "WHERE a.grantee <> d.defaclrole ORDER BY 1, 2, 3, 4, 5";

    /** Owners of relations, functions, enum types and schemas (not public, whose owner comes with the database). */
    public static final String OWNERS = "SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' "
            + "WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, " + NAME.formatted("c.relname") + ", "
            + ROLE.formatted("c.relowner") + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r','p','v','m','S','f') AND NOT c.relispartition AND c.relnamespace IN " + APP_NS
            + " AND c.relname <> ? AND " + NOT_EXTENSION_MEMBER.formatted("c.oid")
            + " UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.oid::regprocedure::text, "
            + ROLE.formatted("p.proowner") + " FROM pg_proc p WHERE p.prokind IN ('f','p') AND p.pronamespace IN " + APP_NS
            + " AND " + NOT_EXTENSION_MEMBER.formatted("p.oid")
            + " UNION ALL SELECT 'TYPE', " + NAME.formatted("t.typname") + ", " + ROLE.formatted("t.typowner")
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' AND t.typnamespace IN " + APP_NS
            + " AND " + NOT_EXTENSION_MEMBER.formatted("t.oid")
            + " UNION ALL SELECT 'SCHEMA', n.nspname, " + ROLE.formatted("n.nspowner") + " FROM pg_namespace n WHERE n.oid IN " + APP_NS
            + " AND n.nspname <> 'public' AND " + NOT_EXTENSION_MEMBER.formatted("n.oid") + " ORDER BY 1, 2";

    private SchemaQueries() {
    }
}
