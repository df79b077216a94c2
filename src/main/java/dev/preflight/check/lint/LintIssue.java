package dev.preflight.check.lint;

import dev.preflight.report.Severity;

/**
 * One hazard lint found in a statement: the rule, where (migration, file, line), the statement,
 * why it is dangerous and the safe alternative; with a suppression's reason when a
 * {@code preflight:nolint} comment silenced it, and what the shadow database measured when it ran.
 */
public record LintIssue(String ruleId, String title, Severity severity, String migration, String file, int line,
                        String statement, String message, String remedy, String suppressedBecause, StatementMeasurement measured) {

    public boolean suppressed() {
        return suppressedBecause != null;
    }

    public LintIssue withMeasurement(StatementMeasurement m) {
        return new LintIssue(ruleId, title, severity, migration, file, line, statement, message, remedy, suppressedBecause, m);
    }

    public LintIssue withSeverity(Severity s, String newMessage) {
        return new LintIssue(ruleId, title, s, migration, file, line, statement, newMessage, remedy, suppressedBecause, measured);
    }
}
