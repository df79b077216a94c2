package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * LINT010: {@code ADD UNIQUE} or {@code ADD PRIMARY KEY} on an existing table builds its index
 * under an ACCESS EXCLUSIVE lock. Build a unique index CONCURRENTLY first, then attach it with
 * {@code ADD CONSTRAINT ... UNIQUE USING INDEX}, which is instant.
 */
public final class UniqueWithoutIndexRule implements LintRule {

    @Override
    public String id() {
        return "LINT010";
    }

    @Override
    public String title() {
        return "Unique or primary key constraint added without an index built concurrently first";
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
                if (action instanceof Ddl.AddConstraint ac && !ac.usingIndex()
                        && (ac.kind() == Ddl.ConstraintKind.UNIQUE || ac.kind() == Ddl.ConstraintKind.PRIMARY_KEY)) {
                    out.addAll(hit("ADD " + ac.kind().name().replace('_', ' ') + " on existing table " + a.table()
                                    + " builds its index while every read and write waits (ACCESS EXCLUSIVE)",
                            "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT " + (ac.name() == null ? "<name>" : ac.name())
                                    + " " + ac.kind().name().replace('_', ' ') + " USING INDEX <that index>"));
                }
            }
        }
        return out;
    }
}
