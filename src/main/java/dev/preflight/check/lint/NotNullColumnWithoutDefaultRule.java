package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * LINT004: {@code ADD COLUMN ... NOT NULL} without a DEFAULT fails on a table that has rows
 * ("column contains null values"), so it passes CI on an empty database and breaks the deploy.
 * Add the column nullable (or with a constant default), backfill, then set NOT NULL safely.
 */
public final class NotNullColumnWithoutDefaultRule implements LintRule {

    @Override
    public String id() {
        return "LINT004";
    }

    @Override
    public String title() {
        return "NOT NULL column added without a default";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        List<LintHit> out = new ArrayList<>();
        if (c.ddl() instanceof Ddl.AlterTable a && c.existingTable(a.table())) {
            for (Ddl.Action action : a.actions()) {
                if (action instanceof Ddl.AddColumn add && add.column().notNull() && add.column().defaultExpression() == null
                        && !add.column().type().toLowerCase(Locale.ROOT).contains("serial")) {
                    out.addAll(hit("ADD COLUMN " + add.column().name() + " NOT NULL without DEFAULT on existing table " + a.table()
                                    + " fails as soon as the table has a row",
                            "add it with a constant DEFAULT (no rewrite since PostgreSQL 11), or nullable, backfill, then SET NOT NULL via a validated CHECK"));
                }
            }
        }
        return out;
    }
}
