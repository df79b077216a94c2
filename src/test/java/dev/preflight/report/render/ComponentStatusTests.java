package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.CheckOutcome;
import dev.preflight.report.CheckOutcome.Status;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentStatusTests {

    @Test
    void groupsByPrefixInReportOrderWithUnknownPrefixesLast() {
        List<CheckOutcome> checklist = List.of(outcome("XYZ001", Status.PASSED), outcome("MIG001", Status.PASSED),
                outcome("SRV002", Status.PASSED), outcome("MIG002", Status.PASSED));

        assertThat(ComponentStatus.of(checklist)).containsExactly(
                new ComponentStatus("SRV", "Server", "OK", "None"),
                new ComponentStatus("MIG", "Migrations", "OK", "None"),
                new ComponentStatus("XYZ", "XYZ", "OK", "None"));
    }

    @Test
    void failsOnTheFirstBlockingFindingEvenAfterAWarning() {
        Finding medium = Finding.of("MIG002", Severity.MEDIUM, "s", "medium one", null);
        Finding high = Finding.of("MIG004", Severity.HIGH, "s", "checksum mismatch", null);
        List<CheckOutcome> checklist = List.of(outcome("MIG002", Status.FAILED, medium), outcome("MIG004", Status.FAILED, high));

        assertThat(ComponentStatus.of(checklist)).containsExactly(
                new ComponentStatus("MIG", "Migrations", "FAIL", "MIG004: checksum mismatch"));
    }

    @Test
    void infoFindingsDoNotWarnButUncheckedItemsDo() {
        Finding info = Finding.of("SRV003", Severity.INFO, "s", "fyi", null);

        assertThat(ComponentStatus.of(List.of(outcome("SRV003", Status.PASSED, info))))
                .containsExactly(new ComponentStatus("SRV", "Server", "OK", "None"));
        assertThat(ComponentStatus.of(List.of(outcome("GIT001", Status.NOT_RUN))))
                .containsExactly(new ComponentStatus("GIT", "Git", "WARN", "GIT001: not run in this run"));
    }

    @Test
    void aCrashedCheckFailsItsComponent() {
        assertThat(ComponentStatus.of(List.of(outcome("CI001", Status.ERROR))))
                .containsExactly(new ComponentStatus("CI", "CI", "FAIL", "CI001: check crashed, item unverified"));
    }

    private static CheckOutcome outcome(String id, Status status, Finding... findings) {
        return new CheckOutcome(id, "title " + id, "verify", status, null, List.of(findings));
    }
}
