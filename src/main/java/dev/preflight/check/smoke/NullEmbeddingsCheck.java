package dev.preflight.check.smoke;

import dev.preflight.check.CheckContext;
import dev.preflight.db.Catalog;
import dev.preflight.report.DatabaseInfo.VectorColumn;
import dev.preflight.report.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Built-in smoke kind {@code null-embeddings}: the share of NULL vectors in each vector column is at
 * most {@code maxShare} (0 to 1). Rows without embeddings are invisible to similarity search.
 */
public final class NullEmbeddingsCheck extends SmokeCheck {

    public NullEmbeddingsCheck(SmokeSpec spec) {
        super(spec);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        double max = spec.string("maxShare") == null ? 0 : Double.parseDouble(spec.string("maxShare"));
        List<Finding> out = new ArrayList<>();
        for (VectorColumn c : new Catalog(context.connection(), Catalog.DEFAULT_HISTORY_TABLE).vectorColumns()) {
            double share = c.rows() == 0 ? 0 : (double) c.nulls() / c.rows();
            if (share > max) {
                out.add(fail("column " + c.table() + "." + c.column(), String.format("%d of %d rows of %s.%s have no embedding (%.1f%%)",
                                c.nulls(), c.rows(), c.table(), c.column(), 100 * share), String.format("at most %.1f%% NULL", 100 * max),
                        String.format("%.1f%% NULL", 100 * share), "fill the embeddings (./preflight backfill)"));
            }
        }
        return out;
    }
}
