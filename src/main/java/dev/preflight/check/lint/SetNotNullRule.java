package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * LINT005: {@code ALTER COLUMN ... SET NOT NULL} on an existing table scans every row under an
 * ACCESS EXCLUSIVE lock. Since PostgreSQL 12 a validated {@code CHECK (col IS NOT NULL)} lets it
 * skip the scan: add the check NOT VALID, VALIDATE it (no exclusive lock), then SET NOT NULL.
 */
public final class SetNotNullRule implements LintRule {

    @Override
    public String id() {
        return "LINT005";
    }

    @Override
    public String title() {
        return "SET NOT NULL on an existing column";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        List<LintHit> out = new ArrayList<>();
        if (c.ddl() instanceof Ddl.AlterTable a && c.existingTable(a.table())) {
            boolean checkValidated = c.earlier().stream().anyMatch(p -> p.ddl() instanceof Ddl.AlterTable e
                    && e.table().name().equalsIgnoreCase(a.table().name())
                    && e.actions().stream().anyMatch(x -> x instanceof Ddl.ValidateConstraint));
            for (Ddl.Action action : a.actions()) {
                if (action instanceof Ddl.SetNotNull s && !checkValidated) {
                    out.addAll(hit("SET NOT NULL on " + a.table() + "." + s.column() + " scans the whole table under an ACCESS EXCLUSIVE lock",
                            "ADD CONSTRAINT " + s.column() + "_not_null CHECK (\"" + s.column() + "\" IS NOT NULL) NOT VALID; then VALIDATE CONSTRAINT; "
                                    + "then SET NOT NULL (PostgreSQL 12+ uses the check and skips the scan); then drop the check"));
                }
            }
        }
        return out;
    }
}
