package dev.preflight.check.smoke;

import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Built-in smoke kind {@code fk-orphans}: no row refers to a parent that does not exist, for every
 * foreign key. A valid constraint guarantees it; one added NOT VALID, or rows loaded with
 * triggers disabled (a restore, a bulk copy), does not.
 */
public final class ForeignKeyOrphansCheck extends SmokeCheck {

    /** Each foreign key as: child table, parent table, and the join and null-test conditions built from its column pairs. */
    private static final String FOREIGN_KEYS = "SELECT co.conrelid::regclass::text, co.confrelid::regclass::text, co.conname, "
            + "(SELECT string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ') FROM unnest(co.conkey, co.confkey) u(ck, pk) "
            + "JOIN pg_attribute ca ON ca.attrelid = co.conrelid AND ca.attnum = u.ck "
            + "JOIN pg_attribute pa ON pa.attrelid = co.confrelid AND pa.attnum = u.pk), "
            + "(SELECT string_agg(format('c.%I IS NOT NULL', ca.attname), ' AND ') FROM unnest(co.conkey) u(ck) "
            + "JOIN pg_attribute ca ON ca.attrelid = co.conrelid AND ca.attnum = u.ck) "
            + "FROM pg_constraint co WHERE co.contype = 'f' AND co.connamespace NOT IN "
            + "(SELECT oid FROM pg_namespace WHERE nspname IN ('pg_catalog', 'information_schema', 'preflight')) ORDER BY 1, 3";

    public ForeignKeyOrphansCheck(SmokeSpec spec) {
        super(spec);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<String[]> keys = new ArrayList<>();
        try (Statement st = context.connection().createStatement(); ResultSet rs = st.executeQuery(FOREIGN_KEYS)) {
            while (rs.next()) {
                keys.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
            }
        }
        List<Finding> out = new ArrayList<>();
        for (String[] k : keys) {
            String sql = "SELECT count(*) FROM " + k[0] + " c WHERE " + k[4] + " AND NOT EXISTS (SELECT 1 FROM " + k[1] + " p WHERE " + k[3] + ")";
            try (Statement st = context.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                long orphans = rs.getLong(1);
                if (orphans > 0) {
                    out.add(fail("foreign key " + k[2] + " on " + k[0], orphans + " row(s) of " + k[0] + " refer to missing rows of " + k[1]
                            + " (" + k[2] + ")", "0 orphans", orphans + " orphans",
                            "delete or re-point the orphan rows, then VALIDATE CONSTRAINT " + k[2]));
                }
            }
        }
        return out;
    }
}
