package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import org.junit.jupiter.api.Test;

class RunIdTests {

    @Test
    void acceptsSafeFolderNames() {
        assertThat(RunId.check("release-42")).isEqualTo("release-42");
        assertThat(RunId.check("a".repeat(64))).hasSize(64);
        assertThat(RunId.generate("gate")).matches(RunId.PATTERN).contains("-gate-");
    }

    @Test
    void rejectsPathsDotsTooLongAndReservedIds() {
        for (String bad : new String[] {"..", "a/b", "../x", ".hidden", "a..b", "a".repeat(65), "a".repeat(300), "latest", "", "a b"}) {
            assertThatThrownBy(() -> RunId.check(bad)).as(bad).isInstanceOf(PreflightException.class).hasMessageContaining("run id");
        }
    }
}
