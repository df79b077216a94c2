package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTests {

    private static Finding at(Severity s) {
        return Finding.of("X001", s, "subject", "message", "remedy");
    }

    @Test
    void blockerOrHighMeansNotReady() {
        assertThat(Verdict.decide(List.of(at(Severity.LOW), at(Severity.BLOCKER)))).isEqualTo(Verdict.NOT_READY);
        assertThat(Verdict.decide(List.of(at(Severity.HIGH)))).isEqualTo(Verdict.NOT_READY);
    }

    @Test
    void mediumOrLowMeansWarnings() {
        assertThat(Verdict.decide(List.of(at(Severity.MEDIUM), at(Severity.INFO)))).isEqualTo(Verdict.READY_WITH_WARNINGS);
        assertThat(Verdict.decide(List.of(at(Severity.LOW)))).isEqualTo(Verdict.READY_WITH_WARNINGS);
    }

    @Test
    void infoOrNothingMeansReady() {
        assertThat(Verdict.decide(List.of(at(Severity.INFO)))).isEqualTo(Verdict.READY);
        assertThat(Verdict.decide(List.of())).isEqualTo(Verdict.READY);
    }
}
