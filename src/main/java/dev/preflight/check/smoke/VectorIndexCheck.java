package dev.preflight.check.smoke;

import dev.preflight.check.CheckContext;
import dev.preflight.db.Catalog;
import dev.preflight.report.DatabaseInfo.VectorColumn;
import dev.preflight.report.DatabaseInfo.VectorIndex;
import dev.preflight.report.Finding;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Built-in smoke kind {@code vector-indexes}: every vector column has an ANN index, and the planner
 * uses each ANN index for a nearest-neighbour query with the index's own distance operator
 * (EXPLAIN, sequential scans disabled). An index whose opclass does not match the queries the
 * application sends is never used: every search is then a full scan.
 */
public final class VectorIndexCheck extends SmokeCheck {

    public VectorIndexCheck(SmokeSpec spec) {
        super(spec);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        Catalog catalog = new Catalog(context.connection(), Catalog.DEFAULT_HISTORY_TABLE);
        List<VectorColumn> columns = catalog.vectorColumns();
        List<VectorIndex> indexes = catalog.vectorIndexes();
        List<Finding> out = new ArrayList<>();
        for (VectorColumn c : columns) {
            if (indexes.stream().noneMatch(i -> i.table().equals(c.table()) && c.column().equals(i.column()))) {
                out.add(fail("column " + c.table() + "." + c.column(), "vector column " + c.table() + "." + c.column()
                        + " has no ANN index: every similarity search scans the whole table", "an ivfflat or hnsw index", "none",
                        "add an index in a migration, e.g. CREATE INDEX ... USING hnsw (" + c.column() + " vector_cosine_ops)"));
            }
        }
        for (VectorIndex ix : indexes) {
            VectorColumn col = columns.stream().filter(c -> c.table().equals(ix.table()) && c.column().equals(ix.column())).findFirst().orElse(null);
            String plan = explain(context, ix, col);
            if (!plan.contains(ix.name())) {
                out.add(fail("index " + ix.name() + " on " + ix.table(), "a nearest-neighbour query on " + ix.table() + "." + ix.column()
                        + " with operator " + operator(ix.opclass()) + " does not use index " + ix.name(), "Index Scan using " + ix.name(),
                        plan.lines().findFirst().orElse(""), "check that the index's opclass matches the distance operator the application uses"));
            }
        }
        return out;
    }

    private static String explain(CheckContext context, VectorIndex ix, VectorColumn col) throws Exception {
        int dims = col == null || col.dimensions() == null ? 3 : col.dimensions();
        String type = col == null ? "vector" : col.type();
        String literal = "'[" + String.join(",", Collections.nCopies(dims, "0.5")) + "]'::" + type + "(" + dims + ")";
        String table = ix.table().contains(".") ? ix.table().split("\\.")[0] + "." + Catalog.ident(ix.table().split("\\.")[1])
                : Catalog.ident(ix.table());
        StringBuilder plan = new StringBuilder();
        try (SqlSmokeCheck.RolledBack tx = new SqlSmokeCheck.RolledBack(context.connection());
             Statement st = tx.connection().createStatement()) {
            st.execute("SET LOCAL enable_seqscan = off");
            try (ResultSet rs = st.executeQuery("EXPLAIN SELECT 1 FROM " + table + " ORDER BY " + Catalog.ident(ix.column()) + " "
                    + operator(ix.opclass()) + " " + literal + " LIMIT 10")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    /** pgvector's distance operator for an operator class. */
    static String operator(String opclass) {
        if (opclass == null) {
            return "<->";
        }
        if (opclass.contains("cosine")) {
            return "<=>";
        }
        if (opclass.contains("_ip_")) {
            return "<#>";
        }
        return opclass.contains("l1") ? "<+>" : "<->";
    }
}
