package dev.preflight.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.Options;
import dev.preflight.testing.CliRun;
import org.junit.jupiter.api.Test;

class RetuneCommandTests {

    @Test
    void optionsBecomeJobParameters() {
        var p = RetuneCommand.parameters(Options.parse(new String[] {"retune", "--target-recall", "0.9", "--index", "items_idx", "--dry-run"}));

        assertThat(p).containsEntry("target-recall", "0.9").containsEntry("index", "items_idx")
                .containsEntry("dry-run", "true").containsEntry("compare-hnsw", "false").containsEntry("apply-probes", "false");
    }

    @Test
    void aTargetOutsideZeroToOneIsAUsageErrorBeforeAnythingConnects() {
        assertThatThrownBy(() -> RetuneCommand.parameters(Options.parse(new String[] {"retune", "--target-recall", "95"})))
                .hasMessageContaining("--target-recall must be a number in (0, 1], not '95'");

        CliRun run = CliRun.run("retune", "--target-recall", "high", "--db-url", "postgresql://nobody@127.0.0.1:1/none");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--target-recall");
    }
}
