package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * LINT001: {@code CREATE INDEX} without {@code CONCURRENTLY} on a table that already exists holds a
 * SHARE lock for the whole build: every INSERT, UPDATE and DELETE waits. Build it with
 * {@code CREATE INDEX CONCURRENTLY} in a migration of its own. A table created in the same
 * migration is new and empty, so its indexes are fine.
 */
public final class NonConcurrentIndexRule implements LintRule {

    @Override
    public String id() {
        return "LINT001";
    }

    @Override
    public String title() {
        return "Index created without CONCURRENTLY on an existing table";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        if (c.ddl() instanceof Ddl.CreateIndex i && !i.concurrently() && c.existingTable(i.table())) {
            return hit("CREATE INDEX on existing table " + i.table() + " without CONCURRENTLY blocks all writes to it while "
                            + i.method() + " builds (SHARE lock)",
                    "CREATE INDEX CONCURRENTLY " + (i.name() == null ? "" : i.name() + " ") + "ON " + i.table()
                            + " ... in a migration of its own (it cannot run inside a transaction block)");
        }
        return List.of();
    }
}
