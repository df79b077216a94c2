package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * LINT020: a statement lint could not read is reported, never passed silently: its hazards are
 * unknown. The measured analysis still runs it on the shadow database; if the statement is valid
 * PostgreSQL, suppress this with a {@code -- preflight:nolint LINT020 <reason>} comment.
 */
public final class UnparsedStatementRule implements LintRule {

    @Override
    public String id() {
        return "LINT020";
    }

    @Override
    public String title() {
        return "Statement lint could not analyse";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public List<LintHit> check(LintContext c) {
        if (c.ddl() instanceof Ddl.Unparsed u) {
            return hit("'" + c.statement().summary(60) + "' was not analysed: " + u.reason(),
                    "check it by hand; if it is safe, add -- preflight:nolint LINT020 <reason> above it");
        }
        return List.of();
    }
}
