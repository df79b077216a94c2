package dev.preflight.check.index;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import dev.preflight.report.VectorIndexTuning;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * IDX104: the database's default {@code ivfflat.probes} and {@code hnsw.ef_search} are at least what
 * retune chose. pgvector defaults to probes=1 and ef_search=40, which on many data sets miss
 * neighbours; sessions that do not set them get that recall. Fix: {@code ./preflight retune
 * --apply-settings}, or set them per query. NOT_RUN when retune measured no index.
 */
public final class ProbesSettingCheck implements Check {

    /** The database-level default of a setting (parameter 1: {@code name=%}) set by ALTER DATABASE; no row when none. */
    static final String DATABASE_SETTING = "SELECT split_part(c, '=', 2) FROM pg_db_role_setting s "
            + "JOIN pg_database d ON d.oid = s.setdatabase, unnest(s.setconfig) c "
            + "WHERE d.datname = current_database() AND s.setrole = 0 AND c LIKE ?";

    @Override
    public String id() {
        return "IDX104";
    }

    @Override
    public String title() {
        return "The database's default ivfflat.probes and hnsw.ef_search meet the recall target";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public String notRunReason(CheckContext context) {
        VectorIndexTuning section = context.fact(VectorIndexTuning.class);
        return RetuneCoverage.notMeasured(section, RetuneCoverage::any, "IVFFlat or HNSW index");
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        VectorIndexTuning section = context.fact(VectorIndexTuning.class);
        List<Finding> out = new ArrayList<>();
        check(context, section, "ivfflat.probes", 1, section.databaseProbes(), out);
        check(context, section, "hnsw.ef_search", 40, section.databaseEfSearch(), out);
        return out;
    }

    private void check(CheckContext context, VectorIndexTuning section, String setting, int pgvectorDefault, Integer needed, List<Finding> out) throws Exception {
        if (needed == null) {
            return;
        }
        int current = pgvectorDefault;
        try (PreparedStatement ps = context.connection().prepareStatement(DATABASE_SETTING)) {
            ps.setString(1, setting + "=%");
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    current = Integer.parseInt(rs.getString(1).trim());
                }
            }
        }
        if (current >= needed) {
            return;
        }
        out.add(finding("database", String.format(Locale.ROOT, "sessions query with %s=%d; recall@%d reaches %.2f (lower bound of its "
                        + "95%% interval) only from %s=%d", setting, current, section.k(), section.targetRecall(), setting, needed),
                setting + " >= " + needed, String.valueOf(current),
                "./preflight retune --apply-settings, or SET LOCAL " + setting + " = " + needed + " in the application's vector queries"));
    }
}
