package dev.preflight.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckRunnerTests {

    private record FakeCheck(String id, Severity defaultSeverity, boolean crash, boolean find) implements Check {
        @Override
        public String title() {
            return "fake " + id;
        }

        @Override
        public List<Finding> run(CheckContext context) {
            if (crash) {
                throw new IllegalStateException("boom");
            }
            return find ? List.of(finding("s", "m", "e", "a", "r")) : List.of();
        }
    }

    @Test
    void aCrashingCheckIsRecordedAndTheOthersStillRun() {
        var outcomes = new CheckRunner(SeverityPolicy.defaults()).run("job", List.of(
                new FakeCheck("T001", Severity.LOW, true, false), new FakeCheck("T002", Severity.LOW, false, false)), null);

        assertThat(outcomes).extracting(CheckOutcome::status).containsExactly(CheckOutcome.Status.ERROR, CheckOutcome.Status.PASSED);
        assertThat(outcomes.get(0).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).contains("T001").contains("boom");
        });
    }

    @Test
    void severityComesFromConfiguration() {
        var policy = new SeverityPolicy(Map.of("T003", Severity.INFO));

        var outcome = new CheckRunner(policy).runOne("job", new FakeCheck("T003", Severity.HIGH, false, true), null);

        assertThat(outcome.findings()).singleElement().extracting(Finding::severity).isEqualTo(Severity.INFO);
        assertThat(outcome.status()).isEqualTo(CheckOutcome.Status.PASSED);
    }

    @Test
    void duplicateIdsFailAtStart() {
        assertThatThrownBy(() -> CheckRunner.requireUniqueIds(List.of(new FakeCheck("T004", Severity.LOW, false, false),
                new FakeCheck("T004", Severity.LOW, false, false)))).hasMessageContaining("T004");
    }
}
