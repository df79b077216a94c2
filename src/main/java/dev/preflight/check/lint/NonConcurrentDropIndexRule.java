package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * LINT002: {@code DROP INDEX} without {@code CONCURRENTLY} takes an ACCESS EXCLUSIVE lock on the
 * index's table, so even reads queue behind it while it waits for running queries. Use
 * {@code DROP INDEX CONCURRENTLY}. Indexes of tables created in the same migration are exempt.
 */
public final class NonConcurrentDropIndexRule implements LintRule {

    @Override
    public String id() {
        return "LINT002";
    }

    @Override
    public String title() {
        return "Index dropped without CONCURRENTLY";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        if (c.ddl() instanceof Ddl.DropIndex d && !d.concurrently()) {
            Ddl.Name index = d.indexes().get(0);
            String table = c.schema().tableOfIndex(index);
            if (table != null && !c.existingTable(new Ddl.Name(null, table))) {
                return List.of();
            }
            return hit("DROP INDEX " + index + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on "
                            + (table == null ? "its table" : table) + ": reads and writes queue behind it",
                    "DROP INDEX CONCURRENTLY IF EXISTS " + index + " (outside a transaction block)");
        }
        return List.of();
    }
}
