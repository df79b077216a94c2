package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * LINT022: a statement that holds a write-blocking lock on an existing table for as long as it
 * takes to scan, rewrite or index every row (a non-concurrent index build, a column type change,
 * SET NOT NULL, a constraint validated or indexed in place, a volatile default) runs with no upper
 * bound when no {@code statement_timeout} is set: {@code lock_timeout} only limits the wait for the
 * lock, not how long it is then held. One hit per file, at the first such statement, since one
 * {@code SET statement_timeout} at the top bounds them all.
 */
public final class MissingStatementTimeoutRule implements LintRule {

    /** Values that leave the statement unbounded: 0 disables the timeout, DEFAULT falls back to the server's (0 unless configured). */
    private static final Set<String> UNBOUNDED = Set.of("", "0", "0s", "0ms", "default");

    @Override
    public String id() {
        return "LINT022";
    }

    @Override
    public String title() {
        return "Long-running statement under a write-blocking lock without statement_timeout";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        String work = longWork(c.ddl(), c, c.earlier());
        if (work == null || statementTimeoutSet(c.earlier())) {
            return List.of();
        }
        for (int i = 0; i < c.earlier().size(); i++) {
            if (longWork(c.earlier().get(i).ddl(), c, c.earlier().subList(0, i)) != null) {
                return List.of(); // the first long statement of the file carries the hit
            }
        }
        return hit("'" + c.statement().summary(60) + "' " + work + " with no statement_timeout set in this file: on a large table it "
                        + "blocks writes for as long as that takes, and lock_timeout does not bound it (it limits only the wait for the lock)",
                "start the migration with SET statement_timeout = '15min'; (a budget for the largest table; rerun off-peak if it trips), "
                        + "or make the statement non-blocking (CONCURRENTLY, NOT VALID then VALIDATE)");
    }

    /** What makes the statement long on an existing table, in words; null when it is not. */
    private static String longWork(Ddl ddl, LintContext c, List<LintContext.Parsed> before) {
        if (ddl instanceof Ddl.CreateIndex i && !i.concurrently() && c.existingTable(i.table())) {
            return "builds an index over every row of " + i.table() + " under a SHARE lock";
        }
        if (!(ddl instanceof Ddl.AlterTable a) || !c.existingTable(a.table())) {
            return null;
        }
        for (Ddl.Action action : a.actions()) {
            if (action instanceof Ddl.AlterColumnType t) {
                return "changes the type of " + a.table() + "." + t.column() + ", rewriting or checking every row under an ACCESS EXCLUSIVE lock";
            }
            if (action instanceof Ddl.SetNotNull s && !checkValidated(a.table(), before)) {
                return "scans every row of " + a.table() + " for SET NOT NULL " + s.column() + " under an ACCESS EXCLUSIVE lock";
            }
            if (action instanceof Ddl.AddConstraint k && scansRows(k)) {
                return "checks every row of " + a.table() + " for its new " + k.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " constraint under a " + (k.kind() == Ddl.ConstraintKind.FOREIGN_KEY ? "SHARE ROW EXCLUSIVE" : "ACCESS EXCLUSIVE") + " lock";
            }
            if (action instanceof Ddl.AddColumn add && add.column().defaultExpression() != null
                    && VolatileDefaultRule.VOLATILE.matcher(add.column().defaultExpression()).find()) {
                return "rewrites every row of " + a.table() + " for the volatile default of " + add.column().name() + " under an ACCESS EXCLUSIVE lock";
            }
        }
        return null;
    }

    /** A constraint PostgreSQL checks (FK, CHECK) or indexes (UNIQUE, PRIMARY KEY, EXCLUDE) over the existing rows while adding it. */
    private static boolean scansRows(Ddl.AddConstraint k) {
        return switch (k.kind()) {
            case FOREIGN_KEY, CHECK -> !k.notValid();
            case UNIQUE, PRIMARY_KEY, EXCLUDE -> !k.usingIndex();
        };
    }

    /** As in LINT005: a validated CHECK earlier in the file lets SET NOT NULL skip the scan (PostgreSQL 12+). */
    private static boolean checkValidated(Ddl.Name table, List<LintContext.Parsed> before) {
        return before.stream().anyMatch(p -> p.ddl() instanceof Ddl.AlterTable e && e.table().name().equalsIgnoreCase(table.name())
                && e.actions().stream().anyMatch(x -> x instanceof Ddl.ValidateConstraint));
    }

    private static boolean statementTimeoutSet(List<LintContext.Parsed> earlier) {
        boolean set = false;
        for (LintContext.Parsed p : earlier) {
            if (p.ddl() instanceof Ddl.Setting s && s.name().equals("statement_timeout")) {
                set = !UNBOUNDED.contains(s.value().trim().toLowerCase(Locale.ROOT)); // the last SET wins
            }
        }
        return set;
    }
}
