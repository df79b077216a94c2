package dev.preflight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Aliases every walker of a YAML tree would choke on are refused at the alias's line, by every way
 * Preflight reads YAML: a recursive alias (a StackOverflowError before) and an alias bomb (minutes of
 * walking or an OutOfMemoryError before).
 */
@Timeout(10)
public class YamlAliasesTests {

    /** {@code levels} mappings, each with two aliases of the one before: 2^levels values. */
    public static String bomb(int levels) {
        StringBuilder sb = new StringBuilder("l0: &l0 {a: 1, b: 2}\n");
        for (int i = 1; i <= levels; i++) {
            sb.append("l").append(i).append(": &l").append(i).append(" {a: *l").append(i - 1).append(", b: *l").append(i - 1).append("}\n");
        }
        return sb.toString();
    }

    @Test
    void aRecursiveAliasIsRefusedAtItsLineByEveryReader() {
        String text = "migrations: {}\nverify: &v\n  self: *v\n";
        assertThatThrownBy(() -> YamlSyntax.load(text, "jobs/preflight.yaml")).isInstanceOf(PreflightException.class)
                .hasMessageContaining("jobs/preflight.yaml line 3: YAML alias refused: alias *v is inside the value &v")
                .satisfies(e -> assertThat(((PreflightException) e).remedy()).isEqualTo(YamlSyntax.ALIAS_REMEDY));
        assertThatThrownBy(() -> YamlSyntax.compose("steps: &s [{job: report, params: *s}]\n", "jobs/evil.yaml"))
                .isInstanceOf(PreflightException.class).hasMessageContaining("jobs/evil.yaml line 1: YAML alias refused: alias *s");
        assertThatThrownBy(() -> YamlSyntax.composeAll("users: []\n---\nsettings: &s {self: *s}\n", "jobs/seed/10-s.yaml"))
                .isInstanceOf(YAMLException.class)
                .satisfies(e -> assertThat(YamlSyntax.describe("jobs/seed/10-s.yaml", (YAMLException) e)).startsWith("jobs/seed/10-s.yaml line 3:"));
    }

    @Test
    void anAliasBombIsRefusedAtOnce() {
        assertThatThrownBy(() -> YamlSyntax.load(bomb(25), "jobs/preflight.yaml")).isInstanceOf(PreflightException.class)
                .hasMessageContaining("jobs/preflight.yaml line ").hasMessageContaining("more than " + YamlAliases.MAX_EXPANDED);
        assertThatThrownBy(() -> YamlSyntax.compose(bomb(25), "jobs/x.yaml")).isInstanceOf(PreflightException.class)
                .hasMessageContaining("alias bomb");
    }

    @Test
    void ordinaryAliasesStillWork() {
        assertThat(YamlSyntax.load(bomb(10), "x.yaml")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).hasSize(11);
        assertThat(YamlSyntax.load("a: &x {k: 1}\nb: *x\n", "x.yaml")).isEqualTo(Map.of("a", Map.of("k", 1), "b", Map.of("k", 1)));
    }

    @Test
    void theProjectConfigurationNamesTheLineOfARecursiveAlias(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/preflight.yaml"), "severity: {}\nverify: &v {self: *v}\n");

        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("jobs/preflight.yaml line 2: YAML alias refused");
    }
}
