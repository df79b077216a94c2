package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * LINT013: a statement that needs a strong lock on an existing table waits behind any long query
 * and, while it waits, blocks every query queued behind it: a short migration becomes an outage.
 * {@code SET lock_timeout} first makes it fail fast instead (Preflight sets one when it applies
 * migrations itself; the project's own tool does not).
 */
public final class MissingLockTimeoutRule implements LintRule {

    @Override
    public String id() {
        return "LINT013";
    }

    @Override
    public String title() {
        return "Lock-taking statement without lock_timeout";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        Ddl.Name table = lockedTable(c.ddl());
        if (table == null || !c.existingTable(table) || c.lockTimeoutSet()) {
            return List.of();
        }
        // One hit per file: the first lock-taking statement names the fix for all of them.
        boolean earlierHit = c.earlier().stream().anyMatch(p -> {
            Ddl.Name t = lockedTable(p.ddl());
            return t != null && c.existingTable(t);
        });
        if (earlierHit) {
            return List.of();
        }
        return hit("'" + c.statement().summary(60) + "' locks existing table " + table + " with no lock_timeout set in this file: "
                        + "behind a long query it waits, and every query on " + table + " queues behind it",
                "start the migration with SET lock_timeout = '5s'; (and retry the deploy if it times out)");
    }

    private static Ddl.Name lockedTable(Ddl ddl) {
        if (ddl instanceof Ddl.AlterTable a) {
            return a.table();
        }
        if (ddl instanceof Ddl.CreateIndex i && !i.concurrently()) {
            return i.table();
        }
        if (ddl instanceof Ddl.RenameTable r) {
            return r.table();
        }
        return null;
    }
}
