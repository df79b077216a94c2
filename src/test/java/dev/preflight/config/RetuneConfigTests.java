package dev.preflight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retune settings are checked when jobs/preflight.yaml is read: a number too large for its setting is
 * an error rather than a value wrapped around by a cast, and a time or size PostgreSQL would refuse is an
 * error at its line rather than a failed index swap minutes into the run.
 */
class RetuneConfigTests {

    private static ProjectConfig load(Path dir, String yaml) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/preflight.yaml"), yaml);
        return ProjectConfig.load(ProjectLayout.of(dir));
    }

    private static void refused(Path dir, String yaml, String message) {
        assertThatThrownBy(() -> load(dir, yaml)).isInstanceOf(PreflightException.class).hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((PreflightException) e).remedy()).startsWith("for example retune."));
    }

    @Test
    void numbersTooLargeForTheirSettingAreRefusedNotWrapped(@TempDir Path dir) {
        refused(dir, "severity: {}\nretune: {k: 4294967297, queries: 10}\n",
                "jobs/preflight.yaml line 2: retune.k must be a whole number from 1 to 2147483647, not '4294967297'");
        refused(dir, "retune:\n  queries: 4294967306\n", "jobs/preflight.yaml line 2: retune.queries must be a whole number from 1 to");
        refused(dir, "retune:\n  maxQueries: 2147483648\n", "jobs/preflight.yaml line 2: retune.maxQueries");
        refused(dir, "retune:\n  swapAttempts: 99999999999999999999\n", "jobs/preflight.yaml line 2: retune.swapAttempts");
    }

    @Test
    void timesAndSizesPostgresqlWouldRefuseAreRefusedAtTheirLine(@TempDir Path dir) {
        refused(dir, "retune:\n  k: 5\n  lockTimeout: 2 parsecs\n",
                "jobs/preflight.yaml line 3: retune.lockTimeout must be a time PostgreSQL's lock_timeout accepts");
        refused(dir, "retune:\n  lockTimeout: 30d\n", "jobs/preflight.yaml line 2: retune.lockTimeout"); // beyond 2147483647 ms
        refused(dir, "retune:\n  maintenanceWorkMemCap: lots\n",
                "jobs/preflight.yaml line 2: retune.maintenanceWorkMemCap must be a size PostgreSQL accepts");
        refused(dir, "retune:\n  maintenanceWorkMemCap: 3PB\n", "jobs/preflight.yaml line 2: retune.maintenanceWorkMemCap");
    }

    @Test
    void valuesInPostgresqlsUnitsAreKeptAsWritten(@TempDir Path dir) throws Exception {
        RetuneConfig r = load(dir, "retune: {lockTimeout: 1500ms, maintenanceWorkMemCap: 512MB, k: 2147483647, minRows: 0}\n").retune();

        assertThat(r.lockTimeout()).isEqualTo("1500ms");
        assertThat(r.maintenanceWorkMemCap()).isEqualTo("512MB");
        assertThat(r.k()).isEqualTo(Integer.MAX_VALUE);
        assertThat(load(dir, "retune: {lockTimeout: 1.5 s, maintenanceWorkMemCap: 1gb}\n").retune().lockTimeout()).isEqualTo("1.5 s");
        assertThat(load(dir, "retune: {lockTimeout: 3min}\n").retune().lockTimeout()).isEqualTo("3min");
        assertThat(load(dir, "retune: {lockTimeout: 2d, maintenanceWorkMemCap: 1TB}\n").retune().lockTimeout()).isEqualTo("2d");
    }

    @Test
    void aMigrationTimeoutBeyondPostgresqlsRangeIsRefusedNotACrash(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, "migrations:\n  lockTimeout: 9223372036854775807h\n")).isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("jobs/preflight.yaml line 2: migrations.lockTimeout");
        assertThatThrownBy(() -> load(dir, "migrations:\n  statementTimeout: 600h\n")).isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("jobs/preflight.yaml line 2: migrations.statementTimeout");
    }
}
