package dev.preflight.check.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
 * rows"); the SQLSTATE ignored; a predicted failure reported twice (or a rewrite rule taken for its
 * prediction). PIT, too: a rewrite guess not turned into info when none was measured (or another
 * rule's turned); the measurement not attached; LINT018 for a predicted rewrite or on an empty
 * table; issues out of file and line order; evidence empty, or saying locks were sampled when none
 * were.
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
    void aFailureAfterAnEarlierFailureIsAConsequenceNotABrokenStatement() {
        // given: langfuse's pattern: a NOT NULL column fails on the generated rows (LINT004 predicted it), so the index on
        // that column, next in the replay, fails for a column that does not exist
        Map<String, StatementMeasurement> measured = new java.util.LinkedHashMap<>();
        measured.put(AT + ":1", new StatementMeasurement(AT, 1, List.of(), List.of(), 3, 1000,
                "ERROR: column \"c\" of relation \"t\" contains null values (SQLSTATE 23502)"));
        measured.put(AT + ":2", new StatementMeasurement(AT, 2, List.of(), List.of(), 1, 1000,
                "ERROR: column \"c\" does not exist (SQLSTATE 42703)"));
        measured.put(AT + ":3", new StatementMeasurement(AT, 3, List.of(), List.of(), 1, 1000,
                "ERROR: duplicate key value violates unique constraint \"u\" (SQLSTATE 23505)"));

        // when
        List<LintIssue> out = LintMerge.merge(List.of(issue("LINT004", AT, 1)), measured, Map.of(AT + ":2", "CREATE INDEX t_c ON t (c)"),
                Map.of(), SeverityPolicy.defaults());

        // then: the prediction stands, the follow-on failure is information naming its cause, a data failure is still LINT019
        assertThat(out).extracting(i -> i.ruleId() + "@" + i.line() + ":" + i.severity())
                .containsExactly("LINT004@1:" + issue("LINT004", AT, 1).severity(), "LINT021@2:INFO", "LINT019@3:MEDIUM");
        assertThat(out.get(1).message()).contains("after " + AT + ":1 failed there").contains("42703").doesNotContain("whatever the rows");
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

    private static LintIssue issue(String rule, String file, int line) {
        return new LintIssue(rule, LintRules.title(rule), Severity.MEDIUM, "2", file, line, "ALTER TABLE b ...", "m", "r", null, null);
    }

    private static StatementMeasurement measured(int line, List<String> rewritten, long rows) {
        return new StatementMeasurement(AT, line, List.of("ACCESS EXCLUSIVE on b"), rewritten, 7, rows, null);
    }

    @Test
    void aMeasurementWithoutRewriteTurnsARewriteGuessIntoInfoAndOnlyThat() {
        // given a type change and a volatile default the text says rewrite, PostgreSQL did not; an index rule at a measured line; one unmeasured
        List<LintIssue> issues = List.of(issue("LINT006", AT, 3), issue("LINT011", AT, 4), issue("LINT001", AT, 5), issue("LINT006", AT, 9));
        Map<String, StatementMeasurement> measured = Map.of(AT + ":3", measured(3, List.of(), 1000), AT + ":4", measured(4, List.of("b"), 1000),
                AT + ":5", measured(5, List.of(), 1000));

        List<LintIssue> out = LintMerge.merge(issues, measured, Map.of(), Map.of(), SeverityPolicy.defaults());

        assertThat(out).extracting(LintIssue::ruleId, LintIssue::line, LintIssue::severity).containsExactly(
                tuple("LINT006", 3, Severity.INFO), tuple("LINT011", 4, Severity.MEDIUM), tuple("LINT001", 5, Severity.MEDIUM),
                tuple("LINT006", 9, Severity.MEDIUM));
        assertThat(out.get(0).message()).isEqualTo("m; measured on the shadow database: no rewrite (ACCESS EXCLUSIVE on b, no rewrite, "
                + "7 ms on 1000 rows), so only a brief lock");
        assertThat(out.get(1).message()).isEqualTo("m");
        assertThat(out).extracting(i -> i.measured() != null).containsExactly(true, true, true, false);
    }

    @Test
    void aRewriteNoRulePredictedIsLint018OnATableWithRows() {
        String at4 = AT + ":4";
        Map<String, String> text = Map.of(at4, "ALTER TABLE b ALTER c TYPE bigint");

        List<LintIssue> unpredicted = LintMerge.merge(List.of(issue("LINT006", AT, 3)), Map.of(at4, measured(4, List.of("b"), 1000)), text,
                Map.of(at4, Map.of("LINT018", "planned downtime")), SeverityPolicy.defaults());
        assertThat(unpredicted).extracting(LintIssue::ruleId).containsExactly("LINT006", "LINT018");
        LintIssue rewrite = unpredicted.get(1);
        assertThat(rewrite.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(rewrite.message()).isEqualTo("'ALTER TABLE b ALTER c TYPE bigint' rewrote b (ACCESS EXCLUSIVE on b, rewrote b, 7 ms on 1000 rows), "
                + "which no rule predicted from the text");
        assertThat(rewrite.suppressedBecause()).isEqualTo("planned downtime");
        // predicted at that statement, or on an empty table: nothing more to say
        assertThat(LintMerge.merge(List.of(issue("LINT011", AT, 4)), Map.of(at4, measured(4, List.of("b"), 1000)), text, Map.of(),
                SeverityPolicy.defaults())).extracting(LintIssue::ruleId).containsExactly("LINT011");
        assertThat(LintMerge.merge(List.of(), Map.of(at4, measured(4, List.of("b"), 0)), text, Map.of(), SeverityPolicy.defaults())).isEmpty();
        assertThat(LintMerge.merge(List.of(), Map.of(at4, measured(4, List.of(), 1000)), text, Map.of(), SeverityPolicy.defaults())).isEmpty();
    }

    @Test
    void aFailureARulePredictedIsNotReportedAgainAndIssuesAreInFileThenLineOrder() {
        StatementMeasurement failed = new StatementMeasurement(AT, 2, List.of(), List.of(), 3, 1000, "ERROR: null values (SQLSTATE 23502)");
        assertThat(LintMerge.merge(List.of(issue("LINT004", AT, 2)), Map.of(AT + ":2", failed), Map.of(), Map.of(), SeverityPolicy.defaults()))
                .extracting(LintIssue::ruleId).containsExactly("LINT004");
        // a rewrite rule does not predict a failure
        assertThat(LintMerge.merge(List.of(issue("LINT006", AT, 2)), Map.of(AT + ":2", failed), Map.of(), Map.of(), SeverityPolicy.defaults()))
                .extracting(LintIssue::ruleId).containsExactly("LINT006", "LINT019");

        List<LintIssue> sorted = LintMerge.merge(List.of(issue("LINT001", "migrations/V3__c.sql", 1), issue("LINT001", AT, 7),
                issue("LINT002", AT, 2)), Map.of(), Map.of(), Map.of(), SeverityPolicy.defaults());
        assertThat(sorted).extracting(LintIssue::file, LintIssue::line).containsExactly(tuple(AT, 2), tuple(AT, 7), tuple("migrations/V3__c.sql", 1));
    }

    @Test
    void aStatementLintCouldNotAnalyseThatFailsIsABrokenStatementNotALowNote() {
        // given: pg_dump's first line since 15.14 (a psql meta-command), which Flyway sends to the server and fails on
        StatementMeasurement failed = new StatementMeasurement(AT, 5, List.of(), List.of(), 1, 1000,
                "ERROR: syntax error at or near \"\\\" (SQLSTATE 42601)");
        StatementMeasurement ran = new StatementMeasurement(AT, 9, List.of(), List.of(), 1, 1000, null);

        // when
        List<LintIssue> out = LintMerge.merge(List.of(issue("LINT020", AT, 5), issue("LINT020", AT, 9)),
                Map.of(AT + ":5", failed, AT + ":9", ran), Map.of(AT + ":5", "\\restrict abc", AT + ":9", "SECURITY LABEL ON TABLE t IS 'x'"),
                Map.of(), SeverityPolicy.defaults());

        // then the failure is high, with the meta-command's remedy; the one that ran keeps its note
        assertThat(out).extracting(i -> i.ruleId() + "@" + i.line() + ":" + i.severity())
                .containsExactly("LINT021@5:HIGH", "LINT020@9:" + issue("LINT020", AT, 9).severity());
        assertThat(out.get(0).remedy()).contains("psql meta-command").contains("\\restrict");
    }

    @Test
    void evidenceSaysWhatWasMeasured() {
        assertThat(LintMerge.evidence(new StatementMeasurement(AT, 1, List.of(), List.of("b", "c"), 12, 50, null)))
                .isEqualTo("no lock measured, rewrote b, c, 12 ms on 50 rows");
        assertThat(LintMerge.evidence(new StatementMeasurement(AT, 1, List.of(), List.of(), 12, 50, "ERROR: boom"))).isEqualTo("failed: ERROR: boom");
        StatementMeasurement locks = new StatementMeasurement(AT, 1, List.of("ACCESS EXCLUSIVE on b", "SHARE on c"), List.of(), 1, 1, null);
        assertThat(locks.accessExclusive()).isTrue();
        assertThat(new StatementMeasurement(AT, 1, List.of("SHARE on c"), List.of(), 1, 1, null).accessExclusive()).isFalse();
        assertThat(locks.strongestLock()).isEqualTo("ACCESS EXCLUSIVE on b");
    }

    private static StatementMeasurement failure(String error) {
        return new StatementMeasurement(AT, 2, List.of(), List.of(), 3, 1000, error);
    }

    private static List<LintIssue> merge(StatementMeasurement m) {
        return LintMerge.merge(List.of(), Map.of(AT + ":2", m), Map.of(AT + ":2", "ALTER TABLE b ADD COLUMN x inte"), Map.of(),
                SeverityPolicy.defaults());
    }
}
