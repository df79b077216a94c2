package dev.preflight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One YAML reader for every file Preflight reads: a syntax error is file, line, problem and remedy,
 * also where SnakeYAML gives no problem mark.
 *
 * <p>Kills: {@code getProblemMark().getLine()} on an error without a mark (a NullPointerException,
 * reported as an internal error); a control character escaping as an unhandled ReaderException;
 * unsafe construction of arbitrary Java types.
 */
class YamlSyntaxTests {

    @Test
    void aSyntaxErrorNamesTheFileTheLineAndTheRemedy() {
        assertThatThrownBy(() -> YamlSyntax.load("steps:\n  - run: a\n  - {x: [unclosed\n", "jobs/gate.yaml"))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("jobs/gate.yaml line ").hasMessageContaining("YAML syntax error")
                .satisfies(e -> assertThat(((PreflightException) e).oneLine()).contains(YamlSyntax.REMEDY));
    }

    @Test
    void aControlCharacterIsASyntaxErrorNotACrash() {
        assertThatThrownBy(() -> YamlSyntax.compose("steps:\n  - run: a\u0007\n", "jobs/gate.yaml"))
                .isInstanceOf(PreflightException.class).hasMessageContaining("jobs/gate.yaml").hasMessageContaining("not allowed");
    }

    @Test
    void aDuplicateKeyIsReportedAtItsLine() {
        assertThatThrownBy(() -> YamlSyntax.load("a: 1\nb: 2\na: 3\n", "jobs/preflight.yaml"))
                .isInstanceOf(PreflightException.class).hasMessageContaining("jobs/preflight.yaml line 3").hasMessageContaining("duplicate key a");
    }

    @Test
    void aDuplicateKeyInANodeTreeIsRefusedToo() {
        assertThatThrownBy(() -> YamlSyntax.compose("steps:\n  - run: migrate\n    on-failure: stop\n    run: seed\n", "jobs/gate.yaml"))
                .isInstanceOf(PreflightException.class).hasMessageContaining("jobs/gate.yaml line 4").hasMessageContaining("duplicate key run");
        assertThatThrownBy(() -> YamlSyntax.composeAll("users: []\n---\nusers: []\nusers: []\n", "jobs/seed/10.yaml"))
                .isInstanceOf(org.yaml.snakeyaml.error.YAMLException.class)
                .satisfies(e -> assertThat(YamlSyntax.describe("jobs/seed/10.yaml", (org.yaml.snakeyaml.error.YAMLException) e))
                        .contains("jobs/seed/10.yaml line 4").contains("given twice"));
    }

    @Test
    void onlyPlainValuesAreConstructed() {
        assertThat(YamlSyntax.load("a: [1, two]\n", "x.yaml")).isEqualTo(Map.of("a", java.util.List.of(1, "two")));
        assertThatThrownBy(() -> YamlSyntax.load("a: !!java.io.File [/etc/passwd]\n", "x.yaml")).isInstanceOf(PreflightException.class)
                .hasMessageContaining("x.yaml");
    }
}
