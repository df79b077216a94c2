package dev.preflight.check.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.SeverityPolicy;
import dev.preflight.migration.Migration;
import dev.preflight.migration.SqlSplitter;
import dev.preflight.report.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code severity:} overrides in {@code jobs/preflight.yaml} reach every lint path: the per-statement
 * rules, LINT016 (checked over the whole history) and the measured rules LintMerge adds; a rule
 * not overridden keeps its default.
 *
 * <p>Kills: the policy ignored by StaticAnalysis (each rule's default used), by the LINT016 pass or
 * by LintMerge's measured issues; an override applied to every rule instead of its own id.
 */
class LintSeverityTests {

    private static final String HISTORY = "CREATE TABLE items (id bigint PRIMARY KEY, owner bigint);\n";
    private static final String CHANGE = """
            SET lock_timeout = '5s';
            CREATE INDEX items_owner_idx ON items (owner);
            ALTER TABLE items RENAME COLUMN owner TO owner_id;
            ALTER TABLE items ADD COLUMN embedding vector(3);
            """;

    private static List<LintIssue> lint(SeverityPolicy policy) {
        Migration setup = new Migration("1", "setup", Path.of("V1__setup.sql"), null, SqlSplitter.split(HISTORY));
        Migration change = new Migration("2", "change", Path.of("V2__change.sql"), null, SqlSplitter.split(CHANGE));
        return StaticAnalysis.run(List.of(setup, change), change::equals, new StaticAnalysis.Settings(true, 150000, policy));
    }

    private static Severity severity(List<LintIssue> issues, String rule) {
        return issues.stream().filter(i -> i.ruleId().equals(rule)).findFirst().orElseThrow(() -> new AssertionError(rule + " not in " + issues))
                .severity();
    }

    @Test
    void anOverrideChangesTheSeverityOfItsRuleOnly() {
        // given
        SeverityPolicy policy = new SeverityPolicy(Map.of("LINT001", Severity.HIGH, "LINT016", Severity.INFO));

        // when
        List<LintIssue> defaults = lint(SeverityPolicy.defaults());
        List<LintIssue> overridden = lint(policy);

        // then
        assertThat(severity(defaults, "LINT001")).isEqualTo(Severity.MEDIUM);
        assertThat(severity(overridden, "LINT001")).isEqualTo(Severity.HIGH);
        assertThat(severity(defaults, "LINT016")).isEqualTo(Severity.LOW);
        assertThat(severity(overridden, "LINT016")).isEqualTo(Severity.INFO);
        assertThat(severity(overridden, "LINT007")).as("not overridden").isEqualTo(Severity.MEDIUM);
    }

    @Test
    void anOverrideReachesTheMeasuredRules() {
        // given a statement that failed whatever the data (LINT021, high by default) and a rewrite no rule predicted (LINT018)
        String file = "migrations/V2__change.sql";
        Map<String, StatementMeasurement> measured = Map.of(
                file + ":2", new StatementMeasurement(file, 2, List.of(), List.of(), 3, 1000, "ERROR: syntax error (SQLSTATE 42601)"),
                file + ":3", new StatementMeasurement(file, 3, List.of("ACCESS EXCLUSIVE on items"), List.of("items"), 9, 1000, null));
        Map<String, String> statements = Map.of(file + ":2", "ALTER TABLE itms ...", file + ":3", "ALTER TABLE items ...");
        SeverityPolicy policy = new SeverityPolicy(Map.of("LINT021", Severity.MEDIUM, "LINT018", Severity.HIGH));

        // when
        List<LintIssue> defaults = LintMerge.merge(List.of(), measured, statements, Map.of(), SeverityPolicy.defaults());
        List<LintIssue> overridden = LintMerge.merge(List.of(), measured, statements, Map.of(), policy);

        // then
        assertThat(severity(defaults, "LINT021")).isEqualTo(Severity.HIGH);
        assertThat(severity(overridden, "LINT021")).isEqualTo(Severity.MEDIUM);
        assertThat(severity(defaults, "LINT018")).isEqualTo(Severity.MEDIUM);
        assertThat(severity(overridden, "LINT018")).isEqualTo(Severity.HIGH);
    }
}
