package dev.preflight.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTests {

    @Test
    void parsesCommandFlagsAndSwitches() {
        Options o = Options.parse(new String[] {"gate", "--project", "/x", "--db-url=postgresql://h/db", "--keep", "--fail-on", "warning"});

        assertThat(o.command()).isEqualTo("gate");
        assertThat(o.project()).isEqualTo(Path.of("/x"));
        assertThat(o.flag("db-url")).isEqualTo("postgresql://h/db");
        assertThat(o.has("keep")).isTrue();
        assertThat(o.failOnWarning()).isTrue();
    }

    @Test
    void noCommandMeansHelp() {
        assertThat(Options.parse(new String[0]).command()).isEqualTo("help");
    }

    @Test
    void unknownOptionIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> Options.parse(new String[] {"gate", "--bogus"}))
                .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE_OR_CONNECTION))
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> Options.parse(new String[] {"gate", "--db-url"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"gate", "--fail-on", "sometimes"})).hasMessageContaining("--fail-on");
    }
}
