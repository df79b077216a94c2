package dev.preflight.check.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.PreflightException;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.Projects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeSuiteTests {

    @Test
    void theNeonHubSuiteLoadsWithStableIds() {
        List<SmokeCheck> checks = SmokeSuite.load(ProjectLayout.of(Projects.repositoryRoot()));

        assertThat(checks).extracting(SmokeCheck::id).containsExactly("SMOKE001", "SMOKE002", "SMOKE003", "SMOKE004", "SMOKE005",
                "SMOKE006", "SMOKE007", "SMOKE008", "SMOKE009");
        assertThat(checks.get(2)).isInstanceOf(SeedRowsCheck.class);
        assertThat(checks.get(3)).isInstanceOf(SqlSmokeCheck.class);
        assertThat(checks.get(2).spec().where()).isEqualTo("jobs/checks/neonhub.yaml line 20 (SMOKE003)");
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndLine(@TempDir Path tmp) throws Exception {
        // given a suite whose line 5 breaks the indentation
        Path project = Projects.copyExample(tmp);
        Files.writeString(project.resolve("jobs/checks/broken.yaml"), """
                checks:
                  - id: SMOKE100
                    title: Broken
                    severity: low
                   sql: SELECT 1
                """);

        // when verify starts (before any database is touched)
        CliRun run = CliRun.run("verify", "--project", project.toString(), "--db-url", "postgresql://nobody@127.0.0.1:1/none");

        // then: exit 2 and one line naming file and line
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("jobs/checks/broken.yaml line 5: YAML syntax error").contains("fix the YAML at that line");
    }

    @Test
    void meaningErrorsNameTheFileLineAndCheck(@TempDir Path tmp) throws Exception {
        Path project = Projects.copyExample(tmp);
        Files.writeString(project.resolve("jobs/checks/zz.yaml"), """
                checks:
                  - id: SMOKE200
                    title: Fine
                    severity: low
                    sql: SELECT 1
                    expect: {rows: "= 1"}
                  - id: SMOKE201
                    title: Unknown kind
                    severity: medium
                    kind: telepathy
                """);

        assertThatThrownBy(() -> SmokeSuite.load(ProjectLayout.of(project))).isInstanceOf(PreflightException.class)
                .hasMessageContaining("jobs/checks/zz.yaml line 7: SMOKE201: unknown kind 'telepathy'");

        Files.writeString(project.resolve("jobs/checks/zz.yaml"), """
                checks:
                  - id: SMOKE001
                    title: Same id as the NeonHub suite
                    severity: low
                    sql: SELECT 1
                    expect: {rows: "= 1"}
                """);
        assertThatThrownBy(() -> SmokeSuite.load(ProjectLayout.of(project)))
                .hasMessageContaining("jobs/checks/zz.yaml line 2 (SMOKE001): id SMOKE001 is already used at jobs/checks/neonhub.yaml line 7 (SMOKE001)");

        // one query only: a second statement could end the read-only, rolled-back transaction the check runs in
        Files.writeString(project.resolve("jobs/checks/zz.yaml"), """
                checks:
                  - id: SMOKE202
                    title: Two statements
                    severity: low
                    sql: "COMMIT; DELETE FROM campaign_metrics; SELECT 1"
                    expect: {rows: "= 1"}
                """);
        assertThatThrownBy(() -> SmokeSuite.load(ProjectLayout.of(project)))
                .hasMessageContaining("jobs/checks/zz.yaml line 2: SMOKE202: 'sql' must be one query; it holds 3 statements");
    }

    @Test
    void expectationsCompareNumbersAndText() {
        Expectation e = new Expectation(">= 2", "= 3", 100L);

        assertThat(e.failures(2, 3, 5)).isEmpty();
        assertThat(e.failures(1, 4, 500)).containsExactly("expected rows >= 2, got 1", "expected value = 3, got 4",
                "expected at most 100 ms, took 500 ms");
        assertThat(Expectation.holds("on", "= on")).isTrue();
        assertThat(Expectation.holds(0, "0")).isTrue();
        assertThat(Expectation.holds(3.0, "< 3")).isFalse();
    }
}
