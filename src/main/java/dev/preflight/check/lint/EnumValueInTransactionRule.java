package dev.preflight.check.lint;

import dev.preflight.migration.SqlStatement;
import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * LINT012: {@code ALTER TYPE ... ADD VALUE} cannot run inside a transaction block before
 * PostgreSQL 12, and on every version the new label cannot be used until the transaction that
 * added it commits ("unsafe use of new value"). Add the value in a migration of its own.
 */
public final class EnumValueInTransactionRule implements LintRule {

    @Override
    public String id() {
        return "LINT012";
    }

    @Override
    public String title() {
        return "Enum value added and used in the same transaction";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        if (c.ddl() instanceof Ddl.AddEnumValue add) {
            if (c.serverVersionNum() < 120000 && c.nativeTransaction()) {
                return hit("ALTER TYPE " + add.type() + " ADD VALUE '" + add.label() + "' cannot run inside a transaction block on PostgreSQL "
                        + c.serverVersionNum() / 10000, "move it to a migration of its own, run without a transaction");
            }
            return List.of();
        }
        // A later statement of the same transaction using a label added earlier in it.
        for (int i = c.earlier().size() - 1; i >= 0; i--) {
            LintContext.Parsed p = c.earlier().get(i);
            if (p.statement().mode() != SqlStatement.Mode.TRANSACTIONAL && !c.nativeTransaction()) {
                break;
            }
            if (p.ddl() instanceof Ddl.AddEnumValue add && c.statement().sql().contains("'" + add.label() + "'")) {
                return hit("'" + add.label() + "' is used in the transaction that added it to " + add.type()
                                + ": PostgreSQL refuses it until that transaction commits (unsafe use of new value)",
                        "add the enum value in a migration of its own, before the one that uses it");
            }
        }
        return List.of();
    }
}
