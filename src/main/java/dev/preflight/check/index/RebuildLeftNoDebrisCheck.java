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
 * invalid index is left behind. An invalid index (a failed CREATE INDEX CONCURRENTLY) is never
 * used by queries but still slows every write to its table. Drop it with DROP INDEX CONCURRENTLY.
 */
public final class RebuildLeftNoDebrisCheck implements Check {

    /** Invalid indexes in application schemas, with their table. */
    static final String INVALID_INDEXES = "SELECT i.indexrelid::regclass::text, i.indrelid::regclass::text FROM pg_index i "
            + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE NOT i.indisvalid AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

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
                "fix the cause (maintenance_work_mem cap, a long lock on the index) and run ./preflight retune again")));
        try (Statement st = context.connection().createStatement(); ResultSet rs = st.executeQuery(INVALID_INDEXES)) {
            while (rs.next()) {
                out.add(finding("index " + rs.getString(1), "index " + rs.getString(1) + " on " + rs.getString(2)
                                + " is invalid: queries ignore it, writes still maintain it", "no invalid index", "invalid",
                        "DROP INDEX CONCURRENTLY " + rs.getString(1)));
            }
        }
        return out;
    }
}
