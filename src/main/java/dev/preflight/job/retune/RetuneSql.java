package dev.preflight.job.retune;

/**
 * The SQL the retune job runs that is not plain catalog reading: index details, sampling, recall
 * queries and the online rebuild. Identifiers are quoted by the callers; values are bound.
 */
final class RetuneSql {

    /**
     * Parameters 1 and 2: schema and index name. OID, validity, table, key expression, predicate,
     * access method, opclass, key type and dimensions, size, tablespace, options.
     */
    static final String INDEX_DETAIL = "SELECT ic.oid, i.indisvalid, n.nspname, tc.relname, pg_get_indexdef(ic.oid, 1, true), "
            + "pg_get_expr(i.indpred, i.indrelid), am.amname, oc.opcname, format_type(ka.atttypid, ka.atttypmod), ka.atttypmod, "
            + "pg_relation_size(ic.oid), ts.spcname, ic.reloptions "
            + "FROM pg_class ic JOIN pg_index i ON i.indexrelid = ic.oid JOIN pg_class tc ON tc.oid = i.indrelid "
            + "JOIN pg_namespace n ON n.oid = ic.relnamespace JOIN pg_am am ON am.oid = ic.relam "
            + "LEFT JOIN pg_opclass oc ON oc.oid = i.indclass[0] "
            + "LEFT JOIN pg_attribute ka ON ka.attrelid = ic.oid AND ka.attnum = 1 "
            + "LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace "
            + "WHERE n.nspname = ? AND ic.relname = ?";

    /** Parameter 1: index OID. */
    static final String INDEX_VALID = "SELECT i.indisvalid, pg_relation_size(i.indexrelid) FROM pg_index i WHERE i.indexrelid = ?";

    /** Parameters 1 and 2: schema and index name; null when no such index exists. */
    static final String INDEX_OID = "SELECT to_regclass(quote_ident(?) || '.' || quote_ident(?))::oid";

    /** Makes {@code random()} repeatable, so two runs draw the same query vectors from the same data. */
    static final String SEED = "SELECT setseed(0.4242)";

    /**
     * Plans every query under its own transaction's settings. The exact and the index query share
     * their text, so pgjdbc prepares it on the server after five runs and PostgreSQL may keep one
     * generic plan for it (always, under a database's {@code plan_cache_mode = force_generic_plan}),
     * whatever {@code enable_seqscan} says later: the seq scan made for the exact answers then
     * answered for the index too (recall 1.0 at probes 1 where it is 0.30), or an index plan
     * answered for exact search.
     */
    static final String CUSTOM_PLAN = "SET LOCAL plan_cache_mode = force_custom_plan";

    static final String EXACT_SEARCH = CUSTOM_PLAN + "; SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off";

    static final String FORCE_INDEX = CUSTOM_PLAN + "; SET LOCAL enable_seqscan = off";

    static final String MAINTENANCE_WORK_MEM_BYTES = "SELECT pg_size_bytes(current_setting('maintenance_work_mem'))";

    /** Parameter 1: a size such as {@code 1GB}, parsed by PostgreSQL's own rules. */
    static final String SIZE_BYTES = "SELECT pg_size_bytes(?)";


    static final String CURRENT_DATABASE = "SELECT current_database()";

    /** SQLSTATE of lock_timeout expiring. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    private RetuneSql() {
    }

    /** The distance operator of a pgvector opclass ({@code vector_cosine_ops} -> {@code <=>}). */
    static String operator(String opclass) {
        if (opclass == null) {
            throw new IllegalArgumentException("index has no operator class");
        }
        if (opclass.endsWith("_l2_ops")) {
            return "<->";
        }
        if (opclass.endsWith("_ip_ops")) {
            return "<#>";
        }
        if (opclass.endsWith("_cosine_ops")) {
            return "<=>";
        }
        if (opclass.endsWith("_l1_ops")) {
            return "<+>";
        }
        if (opclass.endsWith("_hamming_ops")) {
            return "<~>";
        }
        if (opclass.endsWith("_jaccard_ops")) {
            return "<%>";
        }
        throw new IllegalArgumentException("unknown pgvector operator class " + opclass);
    }
}
