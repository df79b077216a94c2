package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.check.CheckRegistry;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code severity:} override of an id no check or lint rule has would be ignored without a word: every
 * run refuses it before anything connects, naming the file, the line, the id and the nearest known ids.
 */
class SeverityOverridesTests {

    private static RunInputs read(Path dir, String yaml) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/preflight.yaml"), yaml);
        return RunInputs.read("report", Options.parse(new String[] {"report", "--project", dir.toString()}), Console.system(), false,
                inputs -> { });
    }

    @Test
    void anUnknownCheckIdIsRefusedWithItsLineAndTheNearestIds(@TempDir Path dir) {
        assertThatThrownBy(() -> read(dir, "retune: {k: 5}\nseverity:\n  IDX001: high\n  idx001: blocker\n"))
                .isInstanceOf(PreflightException.class)
                .hasMessage("jobs/preflight.yaml line 4: severity.idx001: no check or lint rule has the id 'idx001'")
                .satisfies(e -> assertThat(((PreflightException) e).remedy()).startsWith("did you mean IDX001, IDX002, IDX003?"));
        assertThatThrownBy(() -> read(dir, "severity: {IDX01: blocker}\n")).isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("jobs/preflight.yaml line 1: severity.IDX01:")
                .satisfies(e -> assertThat(((PreflightException) e).remedy()).contains("IDX001"));
    }

    @Test
    void everyCheckAndLintRuleIdMayBeOverridden() {
        assertThat(CheckRegistry.get().findingIds()).contains("IDX001", "MIG005", "SEED002", "LINT001", "LINT016");
    }
}
