package dev.preflight.check.index;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.db.Catalog;
import dev.preflight.db.CatalogQueries;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * IDX003: the vector tables are measured in full. Every row and NULL count, the backfill's totals and retune's recall
 * are measured through the connecting role: where row-level security is active for it, they cover only the rows its
 * policies show (and the backfill fills only those), and a column it may not read is not measured at all. A READY
 * built on such figures would be unproven, so each such table is a high finding naming the role to run as instead.
 */
public final class RowSecurityCheck implements Check {

    @Override
    public String id() {
        return "IDX003";
    }

    @Override
    public String title() {
        return "Vector tables are measured in full (no row-level security hides rows from this role, every vector column readable)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws Exception {
        List<Finding> out = new ArrayList<>();
        try (Statement st = ctx.connection().createStatement(); ResultSet rs = st.executeQuery(CatalogQueries.UNMEASURED_VECTOR_COLUMNS)) {
            while (rs.next()) {
                String table = Catalog.qualified(rs.getString(1), rs.getString(2));
                String column = table + "." + rs.getString(3);
                if (!rs.getBoolean(6)) {
                    out.add(finding("column " + column, "the connecting role may not read " + column + ": its rows, NULLs and "
                                    + "indexes are not measured and not in this report", "SELECT on " + column, "no SELECT",
                            "GRANT SELECT ON " + table + " TO the role Preflight runs as, or run it as the table's owner"));
                } else {
                    out.add(finding("column " + column, "row-level security is active on " + table + " for the connecting role"
                                    + (rs.getBoolean(5) ? " (FORCE ROW LEVEL SECURITY)" : "") + ": the counts of " + column
                                    + ", its recall and the backfill cover only the rows the policies show this role",
                            "every row visible", "rows filtered by policies",
                            "run Preflight as a role with BYPASSRLS, or as the table's owner"
                                    + (rs.getBoolean(5) ? " after ALTER TABLE " + table + " NO FORCE ROW LEVEL SECURITY" : "")));
                }
            }
        }
        return out;
    }
}
