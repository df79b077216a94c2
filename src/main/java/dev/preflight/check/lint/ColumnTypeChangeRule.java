package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * LINT006: {@code ALTER COLUMN ... TYPE} on an existing table takes an ACCESS EXCLUSIVE lock and
 * usually rewrites the table and its indexes (a vector column's IVFFlat index too). Some changes
 * need no rewrite (varchar(50) to varchar(100) or to text): the measured analysis on the shadow
 * database decides. Safe alternative: add a new column, backfill it in batches, switch reads, drop the old one.
 */
public final class ColumnTypeChangeRule implements LintRule {

    @Override
    public String id() {
        return "LINT006";
    }

    @Override
    public String title() {
        return "Column type changed on an existing table";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        List<LintHit> out = new ArrayList<>();
        if (c.ddl() instanceof Ddl.AlterTable a && c.existingTable(a.table())) {
            for (Ddl.Action action : a.actions()) {
                if (action instanceof Ddl.AlterColumnType t) {
                    out.addAll(hit("ALTER COLUMN " + a.table() + "." + t.column() + " TYPE " + t.type()
                                    + " takes an ACCESS EXCLUSIVE lock and may rewrite the table and its indexes",
                            "add a new column of the new type, backfill it in batches, switch the application, then drop the old column"));
                }
            }
        }
        return out;
    }
}
