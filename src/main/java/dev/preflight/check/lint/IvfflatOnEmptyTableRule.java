package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * LINT014: pgvector trains an IVFFlat index's centres from the rows present when it is built. Built
 * on a table that the migration history leaves empty at that point (as on every fresh deploy and
 * CI database), the centres stay random and recall collapses with no error. Build the index after
 * the data exists (a later migration after the backfill), or let {@code ./preflight retune} rebuild it.
 */
public final class IvfflatOnEmptyTableRule implements LintRule {

    @Override
    public String id() {
        return "LINT014";
    }

    @Override
    public String title() {
        return "IVFFlat index created on a table that is empty at that point of the history";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        if (c.ddl() instanceof Ddl.CreateIndex i && i.method().equals("ivfflat")) {
            SchemaState.Table table = c.schema().table(i.table());
            if (table != null && !table.hasData()) {
                return hit("IVFFlat index " + (i.name() == null ? "" : i.name() + " ") + "on " + i.table()
                                + " is built while the migrations have written no row to it: its centres are trained on nothing and recall stays low",
                        "create the index after the data is loaded (a migration after the backfill), or run ./preflight retune after loading, which rebuilds it");
            }
        }
        return List.of();
    }
}
