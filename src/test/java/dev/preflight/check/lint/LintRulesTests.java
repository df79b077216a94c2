package dev.preflight.check.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each rule on a failing and a passing snippet of the fixture set: the failing one is found with
 * the rule's id at the statement's line, the passing one raises nothing of that rule.
 *
 * <p>Mutations these tests kill: a rule that never fires, a rule that fires on the safe rewrite
 * (CONCURRENTLY, NOT VALID, USING INDEX, constant default, validated check, halfvec cast, nolint),
 * a wrong line number, a rule that ignores whether the table is new in the same migration.
 */
class LintRulesTests {

    @ParameterizedTest(name = "{0}: {1} fails at line {2}, {3} passes")
    @CsvSource({
            "LINT020, 44-unknown-statement, 2, 43-short-identifier",
            "LINT001, 01-index-plain, 3, 02-index-concurrently",
            "LINT001, 04-unique-index-plain, 3, 03-index-on-new-table",
            "LINT002, 05-drop-index-plain, 3, 06-drop-index-concurrently",
            "LINT003, 07-concurrently-after-begin, 3, 47-concurrently-own-file",
            "LINT003, 08-concurrently-mixed-file, 3, 02-index-concurrently",
            "LINT004, 09-not-null-no-default, 3, 10-not-null-constant-default",
            "LINT005, 12-set-not-null, 3, 13-set-not-null-via-check",
            "LINT006, 14-type-change, 3, 16-type-on-new-table",
            "LINT006, 15-type-change-vector, 3, 19-expand-column",
            "LINT007, 17-rename-column, 3, 45-nolint-suppressed",
            "LINT007, 18-rename-table, 3, 19-expand-column",
            "LINT008, 20-drop-column, 3, 22-drop-new-table",
            "LINT008, 21-drop-table, 2, 22-drop-new-table",
            "LINT008, 52-drop-constraint, 3, 53-drop-constraint-new-table",
            "LINT008, 21-drop-table, 2, 54-drop-temp-table",
            "LINT009, 23-fk-valid, 3, 24-fk-not-valid",
            "LINT009, 26-check-valid, 3, 27-check-not-valid",
            "LINT010, 28-unique-constraint, 3, 29-unique-using-index",
            "LINT011, 30-volatile-default, 3, 31-stable-default",
            "LINT012, 32-enum-add-and-use, 3, 33-enum-add-alone",
            "LINT013, 34-no-lock-timeout, 2, 35-lock-timeout-set",
            "LINT014, 36-ivfflat-empty-table, 3, 37-ivfflat-after-load",
            "LINT015, 38-hnsw-too-wide, 2, 39-hnsw-halfvec-cast",
            "LINT016, 40-vector-without-index, 3, 41-vector-with-index",
            "LINT017, 42-long-identifier, 2, 43-short-identifier",
            "LINT022, 49-no-statement-timeout, 3, 50-statement-timeout-set",
            "LINT022, 51-statement-timeout-disabled, 4, 13-set-not-null-via-check",
    })
    void findsTheHazardAndPassesTheSafeRewrite(String rule, String failing, int line, String passing) {
        // when
        List<LintIssue> found = LintCases.lint(LintCases.named(failing));
        List<LintIssue> safe = LintCases.lint(LintCases.named(passing));

        // then
        assertThat(found).filteredOn(i -> i.ruleId().equals(rule)).extracting(LintIssue::line).containsExactly(line);
        assertThat(found).filteredOn(i -> i.ruleId().equals(rule)).allSatisfy(i -> {
            assertThat(i.file()).endsWith(failing + ".sql");
            assertThat(i.remedy()).isNotBlank();
        });
        assertThat(safe).extracting(LintIssue::ruleId).doesNotContain(rule);
    }

    @org.junit.jupiter.api.Test
    void aSuppressionIsKeptWithItsReason() {
        // when
        List<LintIssue> all = LintCases.lintAll(LintCases.named("45-nolint-suppressed"));

        // then
        assertThat(all).filteredOn(LintIssue::suppressed).singleElement().satisfies(i -> {
            assertThat(i.ruleId()).isEqualTo("LINT007");
            assertThat(i.suppressedBecause()).isEqualTo("the application reads both names through a view since release 41");
        });
    }

    @org.junit.jupiter.api.Test
    void everyRuleHasATitleAndAUniqueId() {
        assertThat(LintRules.ids()).doesNotHaveDuplicates().hasSize(23);
        assertThat(LintRules.ids()).allSatisfy(id -> assertThat(LintRules.title(id)).isNotEqualTo(id));
    }
}
