package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * LINT009: adding a FOREIGN KEY or CHECK constraint to an existing table validates every row while
 * holding a lock that blocks writes (a foreign key locks the referenced table too). Add it
 * {@code NOT VALID} (instant), then {@code VALIDATE CONSTRAINT} in a later step, which only takes
 * SHARE UPDATE EXCLUSIVE.
 */
public final class ConstraintWithoutNotValidRule implements LintRule {

    @Override
    public String id() {
        return "LINT009";
    }

    @Override
    public String title() {
        return "Foreign key or check constraint added without NOT VALID";
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
                if (action instanceof Ddl.AddConstraint ac && !ac.notValid()
                        && (ac.kind() == Ddl.ConstraintKind.FOREIGN_KEY || ac.kind() == Ddl.ConstraintKind.CHECK)) {
                    String kind = ac.kind() == Ddl.ConstraintKind.FOREIGN_KEY ? "FOREIGN KEY" : "CHECK";
                    out.addAll(hit("ADD " + kind + (ac.name() == null ? "" : " " + ac.name()) + " on existing table " + a.table()
                                    + " checks every row while writes are blocked",
                            "ADD CONSTRAINT ... " + kind + " ... NOT VALID; then ALTER TABLE " + a.table() + " VALIDATE CONSTRAINT "
                                    + (ac.name() == null ? "<name>" : ac.name()) + " in a separate transaction"));
                }
            }
        }
        return out;
    }
}
