package dev.preflight.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.job.backfill.distributed.DistributedSettings;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.report.EmbeddingsSection;
import dev.preflight.report.MigrationStatus.DatabaseState;
import dev.preflight.report.MigrationStatus.State;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The small decisions commands make before or after their job, on values built in memory: whether
 * a backfill step failed, the words status prints for each state, and a distributed backfill's
 * broker settings from flags, environment and defaults.
 *
 * <p>Mutations known to be killed (PIT): a backfill with failed rows, or one that stopped, counted
 * as done (or a dry run or an absent target as failed); a state described in another state's
 * words or without its counts; the broker URL taken from the environment over the flag, a blank
 * one accepted; the defaults for partitions or timeouts not applied.
 */
class CommandDecisionsTests {

    private static EmbeddingsSection.Target target(String status, long failed) {
        return new EmbeddingsSection.Target("items", "items", "embedding", 8, "deterministic", "m", false, status, 10, 10, 10 - failed, 0, 0,
                failed, failed, 0, failed, List.of(), 100.0, 100, null);
    }

    private static EmbeddingsSection section(EmbeddingsSection.Target... targets) {
        return new EmbeddingsSection(false, List.of(targets));
    }

    @Test
    void aBackfillStepFailsOnFailedRowsOrAnUnfinishedTarget() {
        assertThat(BackfillCommand.failed(section(target("COMPLETED", 0), target("DRY_RUN", 0), target("NOT_PRESENT", 0)))).isFalse();
        assertThat(BackfillCommand.failed(section(target("COMPLETED", 0), target("COMPLETED", 1)))).isTrue();
        assertThat(BackfillCommand.failed(section(target("STOPPED", 0)))).isTrue();
        assertThat(BackfillCommand.failed(section(target("DIMENSION_MISMATCH", 0)))).isTrue();
        assertThat(BackfillCommand.failed(section())).isFalse();
    }

    @Test
    void statusDescribesEachStateInItsOwnWords() {
        assertThat(StatusCommand.describe(new DatabaseState(State.NEVER_MIGRATED, null, 0, 5, 0, 0, false)))
                .isEqualTo("never migrated (no schema history, no tables)");
        assertThat(StatusCommand.describe(new DatabaseState(State.UNMANAGED, null, 0, 5, 0, 12, false)))
                .isEqualTo("not managed by these migrations (12 tables, no schema history)");
        assertThat(StatusCommand.describe(new DatabaseState(State.PENDING, "3", 3, 2, 0, 8, true)))
                .isEqualTo("at version 3, 2 migration(s) pending");
        assertThat(StatusCommand.describe(new DatabaseState(State.PENDING, null, 0, 5, 0, 0, true)))
                .isEqualTo("at version none, 5 migration(s) pending");
        assertThat(StatusCommand.describe(new DatabaseState(State.UP_TO_DATE, "5", 5, 0, 0, 8, true)))
                .isEqualTo("up to date at version 5 (5 applied)");
        assertThat(StatusCommand.describe(new DatabaseState(State.FAILED, "4", 4, 1, 1, 8, true)))
                .isEqualTo("a migration failed (1 failed in the history)");
        assertThat(StatusCommand.describe(new DatabaseState(State.UNKNOWN, null, 0, 0, 0, 0, false))).isEqualTo("unknown");
    }

    private static Console console(Map<String, String> env) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return new Console(env, nowhere, nowhere);
    }

    @Test
    void brokerSettingsComeFromFlagsThenTheEnvironmentThenDefaults() {
        Console withEnv = console(Map.of(BrokerOptions.ENV, "amqp://env-host"));

        assertThat(BrokerOptions.settings(Options.parse(new String[] {"backfill"}), withEnv))
                .isEqualTo(new DistributedSettings("amqp://env-host", 8, 30, 60));
        assertThat(BrokerOptions.settings(Options.parse(new String[] {"backfill", "--broker-url", "amqp://flag-host", "--partitions", "4",
                "--worker-timeout", "10", "--broker-timeout", "20"}), withEnv)).isEqualTo(new DistributedSettings("amqp://flag-host", 4, 10, 20));
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of(BrokerOptions.ENV, "  "))) {
            assertThatThrownBy(() -> BrokerOptions.settings(Options.parse(new String[] {"backfill"}), console(env)))
                    .isInstanceOf(PreflightException.class).hasMessageContaining("needs the broker's URL")
                    .satisfies(e -> assertThat(((PreflightException) e).remedy()).contains("--broker-url", BrokerOptions.ENV));
        }
    }
}
