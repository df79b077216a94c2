package dev.preflight.check.index;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import dev.preflight.report.VectorIndexSection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * IDX104: the database's default {@code ivfflat.probes} is at least the probes retune chose.
 * pgvector defaults to probes=1, which on most data misses neighbours; sessions that do not set
 * probes themselves get that recall. Fix: {@code ./preflight retune --apply-probes}, or set it per query.
 */
public final class ProbesSettingCheck implements Check {

    /** The database-level default set by ALTER DATABASE, null when none. */
    static final String DATABASE_PROBES = "SELECT split_part(c, '=', 2) FROM pg_db_role_setting s "
            + "JOIN pg_database d ON d.oid = s.setdatabase, unnest(s.setconfig) c "
            + "WHERE d.datname = current_database() AND s.setrole = 0 AND c LIKE 'ivfflat.probes=%'";

    private final VectorIndexSection section;

    public ProbesSettingCheck(VectorIndexSection section) {
        this.section = section;
    }

    @Override
    public String id() {
        return "IDX104";
    }

    @Override
    public String title() {
        return "The database's default ivfflat.probes meets the recall target";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        Integer needed = section.databaseProbes();
        if (needed == null) {
            return List.of();
        }
        int current = 1; // pgvector's default
        try (Statement st = context.connection().createStatement(); ResultSet rs = st.executeQuery(DATABASE_PROBES)) {
            if (rs.next()) {
                current = Integer.parseInt(rs.getString(1).trim());
            }
        }
        if (current >= needed) {
            return List.of();
        }
        return List.of(finding("database", String.format(Locale.ROOT, "sessions query IVFFlat indexes with ivfflat.probes=%d; recall@%d reaches "
                        + "%.2f only from probes=%d", current, section.k(), section.targetRecall(), needed),
                "ivfflat.probes >= " + needed, String.valueOf(current),
                "./preflight retune --apply-probes, or SET LOCAL ivfflat.probes = " + needed + " in the application's vector queries"));
    }
}
