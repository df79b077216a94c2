package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * LINT008: dropping a table, column or constraint loses data or breaks the running application,
 * and takes an ACCESS EXCLUSIVE lock. Stop using the object in a release first, then drop it in
 * a later migration; keep a backup of dropped data.
 */
public final class DropRule implements LintRule {

    @Override
    public String id() {
        return "LINT008";
    }

    @Override
    public String title() {
        return "Table, column or constraint dropped";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        List<LintHit> out = new ArrayList<>();
        if (c.ddl() instanceof Ddl.DropTable d) {
            for (Ddl.Name t : d.tables()) {
                if (c.existingTable(t)) {
                    out.addAll(hit("DROP TABLE " + t + " deletes its rows and breaks every client still using it",
                            "stop using " + t + " in a release first, back it up, then drop it in a later migration"));
                }
            }
        }
        if (c.ddl() instanceof Ddl.AlterTable a && c.existingTable(a.table())) {
            for (Ddl.Action action : a.actions()) {
                if (action instanceof Ddl.DropColumn dc) {
                    out.addAll(hit("DROP COLUMN " + a.table() + "." + dc.column() + " deletes its data and breaks the running application if it still uses it",
                            "stop reading and writing " + dc.column() + " in a release first, then drop it in a later migration"));
                } else if (action instanceof Ddl.DropConstraint dc) {
                    out.addAll(hit("DROP CONSTRAINT " + dc.name() + " on " + a.table() + " removes a guarantee the data relied on",
                            "make sure nothing relies on " + dc.name() + "; to replace it, add the new constraint NOT VALID and validate it first"));
                }
            }
        }
        return out;
    }
}
