package dev.preflight.check.lint;

import dev.preflight.migration.SqlStatement;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * LINT003: {@code CREATE/DROP INDEX CONCURRENTLY} (and the other statements PostgreSQL refuses in a
 * transaction block) fail with "cannot run inside a transaction block" when the file opens one with
 * BEGIN, or when the project's own tool runs the whole file as one transaction and the file holds
 * other statements too. Put the statement in a migration file of its own.
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
        boolean others = c.migration().statements().stream().anyMatch(s -> s.mode() == SqlStatement.Mode.TRANSACTIONAL);
        if (c.nativeTransaction() && others) {
            return hit("'" + c.statement().summary(60) + "' shares its file with transactional statements, and the project's migration tool "
                            + "runs a file as one transaction block, where PostgreSQL refuses it (Preflight itself runs it alone)",
                    "move it to a migration file of its own so the native tool can run it too");
        }
        return List.of();
    }
}
