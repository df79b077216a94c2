package dev.preflight.check.lint;

import dev.preflight.migration.SqlStatement;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * LINT003: {@code CREATE/DROP INDEX CONCURRENTLY} (and the other statements PostgreSQL refuses in a
 * transaction block) fail with "cannot run inside a transaction block" when the file opens one with
 * BEGIN, or when the project's own tool runs the whole file as one transaction and the file holds
 * other statements too, or when the tool runs the migration inside a transaction whatever it holds
 * (drizzle-orm runs every pending migration in one). Put the statement in a migration file of its
 * own, and with such a tool run it outside the tool.
 */
public final class ConcurrentlyInTransactionRule implements LintRule {

    @Override
    public String id() {
        return "LINT003";
    }

    @Override
    public String title() {
        return "Non-transactional statement inside a transaction block";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        if (c.statement().mode() != SqlStatement.Mode.NON_TRANSACTIONAL) {
            return List.of();
        }
        if (c.insideExplicitTransaction()) {
            return hit("'" + c.statement().summary(60) + "' stands after an explicit BEGIN: PostgreSQL refuses it inside a transaction block",
                    "close the transaction (COMMIT) before it, or move it to a migration of its own");
        }
        if (c.transactionBlock() != null) {
            return hit("'" + c.statement().summary(60) + "' is refused inside a transaction block, and " + c.transactionBlock()
                            + ", so the project's migration tool fails on it even alone in its file (Preflight itself runs it alone)",
                    "apply the project with ./preflight migrate, which runs the statement alone and writes the tool's own history row; "
                            + "the tool itself cannot run it (for an index: build it without CONCURRENTLY, blocking writes while it builds)");
        }
        boolean others = c.migration().statements().stream().anyMatch(s -> s.mode() == SqlStatement.Mode.TRANSACTIONAL);
        if (c.nativeTransaction() && others) {
            return hit("'" + c.statement().summary(60) + "' shares its file with transactional statements, and the project's migration tool "
                            + "runs a file as one transaction block, where PostgreSQL refuses it (Preflight itself runs it alone)",
                    "move it to a migration file of its own so the native tool can run it too");
        }
        return List.of();
    }
}
