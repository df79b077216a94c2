package dev.preflight.check.lint;

import dev.preflight.report.Severity;
import java.util.List;

/**
 * One migration-safety rule with a stable id: it looks at one statement in the context of the
 * migration history before it and says what is dangerous and what to write instead. Rules return
 * hits, never throw them; their severity is a default the project's configuration may override.
 */
public interface LintRule {

    /** Stable id, {@code LINT} and a number. */
    String id();

    /** One line, phrased as the hazard ("Index created without CONCURRENTLY on an existing table"). */
    String title();

    Severity defaultSeverity();

    /** The hazards of {@code statement}; empty when it is safe. */
    List<LintHit> check(LintContext context);

    /** A hit of this rule: why the statement is dangerous, and the safe alternative. */
    default List<LintHit> hit(String message, String remedy) {
        return List.of(new LintHit(id(), message, remedy));
    }

    /** What one rule found in one statement. */
    record LintHit(String ruleId, String message, String remedy) {
    }
}
