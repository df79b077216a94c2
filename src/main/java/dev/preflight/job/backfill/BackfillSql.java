package dev.preflight.job.backfill;

import dev.preflight.config.EmbeddingTarget;
import dev.preflight.db.Catalog;

/**
 * The backfill's SQL for one target, in one place. The table is aliased {@code t} and Preflight's
 * side table {@code preflight.embedding_state} {@code s}; a row needs work when its vector is NULL,
 * or when its recorded model or content hash differs (or always, with {@code --reembed}). Rows with
 * a vector but no record (embedded outside Preflight) are left alone unless {@code --reembed}.
 */
public final class BackfillSql {

    /** The side tables (in schema preflight): which model and text produced each vector, and rows that could not be embedded. */
    public static final String STATE_DDL = """
            CREATE TABLE IF NOT EXISTS preflight.embedding_state (
              target text NOT NULL, row_id text NOT NULL, model text NOT NULL, content_hash text NOT NULL,
              embedded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (target, row_id));
            CREATE TABLE IF NOT EXISTS preflight.embedding_issues (
              target text NOT NULL, row_id text NOT NULL, kind text NOT NULL, reason text NOT NULL,
              recorded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (target, row_id))""";

    /** Column type and declared typmod (the dimension for vector) of one column; no row when missing. */
    public static final String COLUMN_TYPE = "SELECT format_type(a.atttypid, a.atttypmod), a.atttypmod, "
            + "(SELECT typname FROM pg_type WHERE oid = a.atttypid) FROM pg_attribute a "
            + "WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped";

    public static final String TABLE_EXISTS = "SELECT to_regclass(?) IS NOT NULL";

    /** Parameter: lock key. Held for the whole backfill of a target, so two runs never work on one target together. */
    public static final String TRY_LOCK = "SELECT pg_try_advisory_lock(?)";

    public static final String UPSERT_ISSUE = "INSERT INTO preflight.embedding_issues (target, row_id, kind, reason) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (target, row_id) DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason, "
            + "recorded_at = now()";

    /** Parameters: target, row ids (text[]). Records written ahead of vectors that will not come. */
    public static final String UNRECORD = "DELETE FROM preflight.embedding_state WHERE target = ? AND row_id = ANY (?)";

    public static final String HAS_ISSUES = "SELECT EXISTS (SELECT 1 FROM preflight.embedding_issues WHERE target = ?)";

    public static final String HAS_RECORDS = "SELECT EXISTS (SELECT 1 FROM preflight.embedding_state WHERE target = ?)";

    private final String table;
    private final String id;
    private final String idType;
    private final String vector;
    private final String text;

    public BackfillSql(EmbeddingTarget target, String idType) {
        this.table = qualified(target.table());
        this.id = "t." + Catalog.ident(target.idColumn());
        this.idType = idType;
        this.vector = "t." + Catalog.ident(target.vectorColumn());
        this.text = textExpression(target);
    }

    /** The SQL expression of the text, over the table aliased {@code t}: NULL parts are left out. */
    public static String textExpression(EmbeddingTarget target) {
        if (target.textSql() != null) {
            return "(" + target.textSql() + ")";
        }
        if (target.textColumns().size() == 1) {
            return "t." + Catalog.ident(target.textColumns().get(0)) + "::text";
        }
        return "concat_ws(E'\\n', " + String.join(", ", target.textColumns().stream().map(c -> "t." + Catalog.ident(c)).toList()) + ")";
    }

    /** {@code table} or {@code schema.table}, quoted. */
    public static String qualified(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? Catalog.ident(table) : Catalog.ident(table.substring(0, dot)) + "." + Catalog.ident(table.substring(dot + 1));
    }

    private String needsWork(boolean reembed) {
        return reembed ? "TRUE" : "(" + vector + " IS NULL OR (s.row_id IS NOT NULL AND (s.model <> ? OR s.content_hash <> md5(coalesce("
                + text + ", '')))))";
    }

    private String from() {
        return " FROM " + table + " t LEFT JOIN preflight.embedding_state s ON s.target = ? AND s.row_id = " + id + "::text ";
    }

    /**
     * A page of the rows that need work (id, text, its md5, whether it had a vector, whether it has a
     * record) and, in the same statement, so from the same snapshot of the text, the records of those
     * that have neither a vector nor a record (see {@link EmbeddedRow.StateRecord#WRITTEN_AHEAD}).
     * PostgreSQL computes each md5 once and keeps it: reading the hashes out and copying the records
     * back in cost the producer a third of its time (measured: 480 of 1,420 ms per 100,000 rows).
     * With {@code joinRecords} false (the target has no record at all: its first backfill) a row needs
     * work exactly when its vector is NULL, and the page is read without the join to the side table:
     * its probe per row was most of the page's time (measured: 4-12 of 11-14 ms a page of 2,000).
     * Parameters: [target, and model unless reembed, when joinRecords], [low], [high], limit, target, model.
     */
    public String page(boolean reembed, boolean joinRecords, boolean low, boolean high) {
        String needsWork = joinRecords ? needsWork(reembed) : reembed ? "TRUE" : vector + " IS NULL";
        return "WITH p AS (SELECT " + id + " AS k, " + id + "::text AS id, " + text + " AS body, md5(coalesce(" + text + ", '')) AS h, "
                + vector + " IS NOT NULL AS had, " + (joinRecords ? "s.row_id IS NOT NULL" : "FALSE") + " AS rec"
                + (joinRecords ? from() : " FROM " + table + " t ") + "WHERE " + needsWork
                + (low ? " AND " + id + " > ?::" + idType : "") + (high ? " AND " + id + " <= ?::" + idType : "") + " ORDER BY " + id
                + " LIMIT ?), r AS (INSERT INTO preflight.embedding_state (target, row_id, model, content_hash) SELECT ?, id, ?, h FROM p "
                + "WHERE NOT had AND NOT rec) SELECT id, body, h, had, rec FROM p ORDER BY k";
    }

    /** Parameters: target, [model]. Rows the run would embed. */
    public String countPending(boolean reembed) {
        return "SELECT count(*)" + from() + "WHERE " + needsWork(reembed);
    }

    /** Parameters: target, [model], partitions. Upper id bound (inclusive) of each partition of the pending rows. */
    public String partitionBounds(boolean reembed) {
        return "SELECT (array_agg(id ORDER BY k DESC))[1] FROM (SELECT " + id + "::text AS id, " + id + " AS k, ntile(?) OVER (ORDER BY " + id + ") AS part"
                + from() + "WHERE " + needsWork(reembed) + ") x GROUP BY part ORDER BY part";
    }

    /** Rows, NULL vectors, and NULL vectors with a recorded skip, with a recorded failure: parameter target. */
    public String totals() {
        return "SELECT count(*), count(*) FILTER (WHERE " + vector + " IS NULL), count(*) FILTER (WHERE " + vector
                + " IS NULL AND i.kind = 'skipped'), count(*) FILTER (WHERE " + vector + " IS NULL AND i.kind = 'failed') FROM " + table + " t LEFT JOIN preflight.embedding_issues i ON i.target = ? "
                + "AND i.row_id = " + id + "::text";
    }

    /** Recorded skips and failures of rows still NULL, per reason, with the first 20 ids: parameter target. */
    public String issues() {
        return "SELECT i.kind, i.reason, count(*), (array_agg(i.row_id ORDER BY i.row_id))[1:20] FROM preflight.embedding_issues i "
                + "JOIN " + table + " t ON i.row_id = " + id + "::text WHERE i.target = ? AND " + vector + " IS NULL "
                + "GROUP BY i.kind, i.reason ORDER BY i.kind, count(*) DESC";
    }

    /**
     * The chunk's staging table, created once per connection and emptied at every commit: creating and
     * dropping it per chunk wrote and vacuumed catalog rows for every chunk. The vector has no
     * dimension, so targets of other dimensions can share a pooled connection's table; the UPDATE
     * into the column's {@code vector(n)} still checks it.
     */
    public static final String STAGING_TABLE = "CREATE TEMP TABLE IF NOT EXISTS preflight_backfill (id text NOT NULL, v vector NOT NULL, "
            + "h text NOT NULL, record smallint NOT NULL) ON COMMIT DELETE ROWS";

    public static final String COPY_IN = "COPY preflight_backfill (id, v, h, record) FROM STDIN (FORMAT binary)";

    /**
     * The chunk's write, in one statement (one round trip): the join UPDATE, then the side-table record
     * of exactly the rows it updated whose record is not written ahead (a row deleted since it was read
     * gets none) and, with {@code clearIssues}, the removal of their recorded skips and failures.
     * Parameters: the chunk's first and last id, [target when clearIssues], target, model, target, model.
     * The chunk's rows are consecutive in key order, so the id range lets the planner read only them
     * through the primary key: without it, the unanalyzed temp table made it hash-join a full scan of
     * the table for every chunk (measured: 11.5 s of a 19.5 s backfill of 100,000 rows).
     * Rows read without a record get a plain INSERT: an upsert's speculative insertion took twice as
     * long (measured: 100,000 records in 470-550 ms against 240-260 ms), and under the target's lock
     * no one else records them in between. Rows read with one keep the upsert.
     */
    public String write(boolean clearIssues) {
        return "WITH u AS (" + update() + " RETURNING x.id, x.h, x.record)"
                + (clearIssues ? ", d AS (DELETE FROM preflight.embedding_issues i USING u WHERE i.target = ? AND i.row_id = u.id)" : "")
                + ", n AS (INSERT INTO preflight.embedding_state (target, row_id, model, content_hash) SELECT ?, id, ?, h FROM u WHERE record = "
                + EmbeddedRow.StateRecord.NONE.code() + ")"
                + " INSERT INTO preflight.embedding_state (target, row_id, model, content_hash) SELECT ?, id, ?, h FROM u WHERE record = "
                + EmbeddedRow.StateRecord.EXISTING.code()
                + " ON CONFLICT (target, row_id) DO UPDATE SET model = EXCLUDED.model, content_hash = EXCLUDED.content_hash, embedded_at = now()";
    }

    /**
     * The chunk's write when every record was written ahead and no issue is to clear (a target's first
     * backfill): the join UPDATE alone. Parameters: the chunk's first and last id. Writing the records
     * in the chunk's statement was a third of its time (measured: 400 of 1,150 ms per 100,000 rows).
     */
    public String writeVectorsOnly() {
        return update();
    }

    private String update() {
        return "UPDATE " + table + " t SET " + vector.substring(2) + " = x.v FROM preflight_backfill x WHERE " + id + " = x.id::"
                + idType + " AND " + id + " >= ?::" + idType + " AND " + id + " <= ?::" + idType;
    }
}
