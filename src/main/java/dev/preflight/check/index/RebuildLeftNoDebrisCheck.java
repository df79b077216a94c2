package dev.preflight.check.index;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import dev.preflight.report.VectorIndexTuning;
import dev.preflight.report.VectorIndexTuning.Decision;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * IDX103: every online rebuild either completed or left the original index in place, and no
 * invalid index, nor any other leftover of an interrupted retune, is left behind. An invalid index (a failed CREATE INDEX CONCURRENTLY) is never
 * used by queries but still slows every write to its table. Drop it with DROP INDEX CONCURRENTLY.
 */
public final class RebuildLeftNoDebrisCheck implements Check {

    /** Invalid indexes in application schemas, with their table. */
    static final String INVALID_INDEXES = "SELECT i.indexrelid::regclass::text, i.indrelid::regclass::text FROM pg_index i "
            + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE NOT i.indisvalid AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

    /**
     * What an interrupted retune leaves that is valid, so the query above misses it: a finished duplicate of a rebuild
     * (a killed client's CREATE INDEX CONCURRENTLY runs to the end) or the old index after the swap, and the measuring
     * copies (held-out vectors, HNSW comparison) in schema preflight. Kind, name, table (null for a copy), size.
     */
    static final String RETUNE_LEFTOVERS = "SELECT 'index', i.indexrelid::regclass::text, i.indrelid::regclass::text, "
            + "pg_size_pretty(pg_relation_size(i.indexrelid)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.indisvalid AND (c.relname LIKE '%\\_retune\\_tmp' "
            + "OR c.relname LIKE '%\\_retune\\_old') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' "
            + "UNION ALL SELECT 'table', c.oid::regclass::text, NULL, pg_size_pretty(pg_total_relation_size(c.oid)) FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'preflight' AND c.relkind = 'r' "
            + "AND c.relname LIKE 'retune\\_%' ORDER BY 2";

    @Override
    public String id() {
        return "IDX103";
    }

    @Override
    public String title() {
        return "Index rebuilds completed or left the original index valid, with no invalid index behind";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        VectorIndexTuning section = context.fact(VectorIndexTuning.class);
        List<Finding> out = new ArrayList<>();
        section.indexes().stream().filter(t -> t.decision() == Decision.REBUILD_FAILED).forEach(t -> out.add(finding(
                "index " + t.name(), t.error(), "rebuilt", "original index kept, valid",
                t.error() != null && t.error().contains("must be owner")
                        ? "run ./preflight retune as the owner of the index's table: only the owner may create and drop its indexes"
                        : "fix the cause (maintenance_work_mem cap, a long lock on the index) and run ./preflight retune again")));
        try (Statement st = context.connection().createStatement(); ResultSet rs = st.executeQuery(INVALID_INDEXES)) {
            while (rs.next()) {
                out.add(finding("index " + rs.getString(1), "index " + rs.getString(1) + " on " + rs.getString(2)
                                + " is invalid: queries ignore it, writes still maintain it", "no invalid index", "invalid",
                        "DROP INDEX CONCURRENTLY " + rs.getString(1)));
            }
        }
        try (Statement st = context.connection().createStatement(); ResultSet rs = st.executeQuery(RETUNE_LEFTOVERS)) {
            while (rs.next()) {
                boolean index = rs.getString(1).equals("index");
                out.add(finding(rs.getString(1) + " " + rs.getString(2), index
                                ? "index " + rs.getString(2) + " on " + rs.getString(3) + " (" + rs.getString(4) + ") was left by an "
                                        + "interrupted retune: a duplicate that every write to the table still maintains"
                                : "table " + rs.getString(2) + " (" + rs.getString(4) + ") is a measuring copy left by an interrupted retune",
                        "no retune leftovers", "left behind", index ? "DROP INDEX CONCURRENTLY " + rs.getString(2)
                                : "DROP TABLE " + rs.getString(2) + " (no retune may be running)"));
            }
        }
        return out;
    }
}
