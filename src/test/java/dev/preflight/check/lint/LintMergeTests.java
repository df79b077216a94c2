package dev.preflight.check.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.SeverityPolicy;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How measured failures become findings: a failure that comes from the generated rows (SQLSTATE classes
 * 22 and 23) is LINT019, a statement that fails whatever the data is LINT021, high.
 *
 * <p>Kills: every failure reported as data-dependent (the old behaviour: a typo "fails on a table with
 * rows"); the SQLSTATE ignored; a predicted failure reported twice.
 */
class LintMergeTests {

    private static final String AT = "migrations/V2__b.sql";

    @Test
    void aBrokenStatementIsHighAndNotBlamedOnTheRows() {
        List<LintIssue> out = merge(failure("ERROR: type \"inte\" does not exist (SQLSTATE 42704)"));

        assertThat(out).singleElement().satisfies(i -> {
            assertThat(i.ruleId()).isEqualTo("LINT021");
            assertThat(i.severity()).isEqualTo(Severity.HIGH);
            assertThat(i.line()).isEqualTo(2);
            assertThat(i.message()).contains("whatever the rows").contains("42704").doesNotContain("generated rows");
        });
    }

    @Test
    void aFailureCausedByTheRowsIsLint019() {
        List<LintIssue> notNull = merge(failure("ERROR: column \"x\" of relation \"b\" contains null values (SQLSTATE 23502)"));
        List<LintIssue> cast = merge(failure("ERROR: invalid input syntax for type integer: \"v1\" (SQLSTATE 22P02)"));

        assertThat(notNull).singleElement().satisfies(i -> assertThat(i.ruleId()).isEqualTo("LINT019"));
        assertThat(cast).singleElement().satisfies(i -> {
            assertThat(i.ruleId()).isEqualTo("LINT019");
            assertThat(i.severity()).isEqualTo(Severity.MEDIUM);
        });
    }

    @Test
    void dataDependenceIsReadFromTheSqlState() {
        assertThat(LintMerge.dataDependent("ERROR: x (SQLSTATE 23505)")).isTrue();
        assertThat(LintMerge.dataDependent("ERROR: x (SQLSTATE 22001)")).isTrue();
        assertThat(LintMerge.dataDependent("ERROR: x (SQLSTATE 42P01)")).isFalse();
        assertThat(LintMerge.dataDependent("ERROR: x (SQLSTATE 0A000)")).isFalse();
        assertThat(LintMerge.dataDependent("I/O error")).as("no SQLSTATE: keep the cautious reading").isTrue();
    }

    @Test
    void rulesKnowTheNewId() {
        assertThat(LintRules.ids()).contains("LINT021");
        assertThat(LintRules.title("LINT021")).isEqualTo("Statement fails whatever the data (measured)");
    }

    private static StatementMeasurement failure(String error) {
        return new StatementMeasurement(AT, 2, List.of(), List.of(), 3, 1000, error);
    }

    private static List<LintIssue> merge(StatementMeasurement m) {
        return LintMerge.merge(List.of(), Map.of(AT + ":2", m), Map.of(AT + ":2", "ALTER TABLE b ADD COLUMN x inte"), Map.of(),
                SeverityPolicy.defaults());
    }
}
