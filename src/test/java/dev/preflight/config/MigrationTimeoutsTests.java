package dev.preflight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTimeoutsTests {

    @Test
    void durationsReadWithUnitsAndZeroDisables() {
        assertThat(MigrationTimeouts.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(MigrationTimeouts.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(MigrationTimeouts.parse("30min")).isEqualTo(Duration.ofMinutes(30));
        assertThat(MigrationTimeouts.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(MigrationTimeouts.parse("15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(MigrationTimeouts.parse("0")).isZero();
    }

    @Test
    void configuredInPreflightYamlWithDefaultsForTheRest(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(tmp.resolve("jobs/preflight.yaml"), "migrations:\n  lockTimeout: 2s\n  statementTimeout: 0\n");

        MigrationTimeouts t = ProjectConfig.load(ProjectLayout.of(tmp)).timeouts();

        assertThat(t.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.statementTimeout()).isZero();
        assertThat(t.replayTimeout()).isEqualTo(MigrationTimeouts.defaults().replayTimeout());
    }

    @Test
    void aBadDurationNamesTheKey(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(tmp.resolve("jobs/preflight.yaml"), "migrations:\n  lockTimeout: soon\n");

        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(tmp))).isInstanceOf(PreflightException.class)
                .hasMessageContaining("migrations.lockTimeout").hasMessageContaining("'soon'");
    }
}
