package dev.preflight.check.smoke;

import dev.preflight.check.CheckContext;
import dev.preflight.db.Catalog;
import dev.preflight.report.Finding;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Built-in smoke kind {@code seed-rows}: each listed table holds at least so many rows ({@code rows: {organizations: 2}}). */
public final class SeedRowsCheck extends SmokeCheck {

    public SeedRowsCheck(SmokeSpec spec) {
        super(spec);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<String> shortfalls = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        for (Map.Entry<String, Object> e : spec.map("rows").entrySet()) {
            long wanted = Long.parseLong(String.valueOf(e.getValue()));
            if (!new Catalog(context.connection(), Catalog.DEFAULT_HISTORY_TABLE).tableExists("public", e.getKey())) {
                shortfalls.add(e.getKey() + " does not exist");
                counts.add(e.getKey() + " missing");
                continue;
            }
            long n;
            try (Statement st = context.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM " + Catalog.ident(e.getKey()))) {
                rs.next();
                n = rs.getLong(1);
            }
            counts.add(e.getKey() + " " + n);
            if (n < wanted) {
                shortfalls.add(e.getKey() + " has " + n + " of " + wanted);
            }
        }
        return shortfalls.isEmpty() ? List.of() : List.of(fail("seed data", "seed rows missing: " + String.join(", ", shortfalls),
                spec.map("rows").toString(), String.join(", ", counts), "run ./preflight seed (or the project's seed script)"));
    }
}
