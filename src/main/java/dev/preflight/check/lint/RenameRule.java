package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * LINT007: renaming a column or table breaks the application version that is still running while
 * the migration deploys (its queries name the old identifier). Expand and contract instead: add
 * the new name (a column, or a view for a table), write both, move readers, then drop the old one.
 */
public final class RenameRule implements LintRule {

    @Override
    public String id() {
        return "LINT007";
    }

    @Override
    public String title() {
        return "Column or table renamed";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        if (c.ddl() instanceof Ddl.RenameTable r && c.existingTable(r.table())) {
            return hit("RENAME of table " + r.table() + " to " + r.newName() + " breaks every deployed query that names " + r.table(),
                    "create the new table name as a view (or rename and leave a view with the old name) until every client is updated");
        }
        List<LintHit> out = new ArrayList<>();
        if (c.ddl() instanceof Ddl.AlterTable a && c.existingTable(a.table())) {
            for (Ddl.Action action : a.actions()) {
                if (action instanceof Ddl.RenameColumn rc) {
                    out.addAll(hit("RENAME COLUMN " + a.table() + "." + rc.from() + " to " + rc.to()
                                    + " breaks the running application, which still reads and writes " + rc.from(),
                            "add " + rc.to() + ", write both columns, backfill, move readers, then drop " + rc.from() + " in a later release"));
                }
            }
        }
        return out;
    }
}
