package dev.preflight.check.smoke;

import dev.preflight.check.CheckContext;
import dev.preflight.db.Catalog;
import dev.preflight.report.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Built-in smoke kind {@code tables-present}: the listed tables exist ({@code tables: [users]}) and
 * the application has at least {@code atLeast} tables.
 */
public final class TablesPresentCheck extends SmokeCheck {

    public TablesPresentCheck(SmokeSpec spec) {
        super(spec);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<Finding> out = new ArrayList<>();
        Catalog catalog = new Catalog(context.connection(), Catalog.DEFAULT_HISTORY_TABLE);
        List<String> missing = new ArrayList<>();
        for (String t : spec.strings("tables")) {
            String schema = t.contains(".") ? t.substring(0, t.indexOf('.')) : "public";
            if (!catalog.tableExists(schema, t.substring(t.indexOf('.') + 1))) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            out.add(fail("tables", "expected table(s) missing: " + String.join(", ", missing), "present", "missing",
                    "run the migrations that create them"));
        }
        if (spec.string("atLeast") != null) {
            int wanted = Integer.parseInt(spec.string("atLeast"));
            int tables = catalog.applicationTableCount();
            if (tables < wanted) {
                out.add(fail("tables", "the database has " + tables + " application tables, fewer than " + wanted,
                        ">= " + wanted + " tables", tables + " tables", "migrate the database (./preflight migrate)"));
            }
        }
        return out;
    }
}
