package dev.preflight.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.cli.Command;
import dev.preflight.cli.Preflight;
import dev.preflight.kernel.Console;
import dev.preflight.testing.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./preflight help} and {@code help COMMAND} print: every command with its one line,
 * a command's usage, its own options apart from the common ones, and the exit codes.
 *
 * <p>Mutations known to be killed (PIT): a command's name or summary empty; a command's own
 * options (baseline {@code --to}, schedule {@code --duration}, run and restart the steps'
 * options, worker {@code --worker-id}) gone, so that help omits them and the options are refused;
 * any line of the help left out; help's own options listed as a command's.
 */
class HelpCommandTests {

    private static final List<String> COMMANDS = List.of("gate", "migrate", "seed", "backfill", "retune", "verify", "lint", "report",
            "status", "run", "restart", "history", "schedule", "worker", "baseline", "help");

    @Test
    void helpListsEveryCommandWithItsOneLineTheCommonOptionsAndTheExitCodes() {
        CliRun r = CliRun.run("help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: ./preflight <command> [options]   (./preflight help COMMAND for a command's own options)\n\nCommands:\n");
        List<Command> commands = new Preflight(Console.system()).commands();
        assertThat(commands).extracting(Command::name).containsAll(COMMANDS);
        for (Command c : commands) {
            assertThat(c.summary()).as(c.name()).isNotBlank();
            assertThat(r.out()).contains(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        assertThat(r.out()).contains("\n\nOptions of every command:\n  --project").contains("  --db-url")
                .endsWith("\n\nExit codes: 0 ready, 1 not ready, 2 usage, configuration or connection error.\n");
    }

    @Test
    void helpForACommandShowsItsUsageSummaryAndOwnOptions() {
        for (String[] own : new String[][] {{"baseline", "--to"}, {"schedule", "--duration"}, {"worker", "--worker-id"},
                {"run", "--provider"}, {"restart", "--provider"}}) {
            CliRun r = CliRun.run("help", own[0]);
            Command c = new Preflight(Console.system()).commands().stream().filter(x -> x.name().equals(own[0])).findFirst().orElseThrow();

            assertThat(r.out()).as(own[0]).startsWith("Usage: ./preflight " + own[0] + " [options]\n\n" + c.summary() + "\n\nOptions of "
                    + own[0] + ":\n  --");
            String ownSection = r.out().substring(0, r.out().indexOf("Options of every command:"));
            assertThat(ownSection).as(own[0]).contains("\n  " + own[1] + " ");
            assertThat(ownSection).as("common options are listed once, below").doesNotContain("--db-url");
            assertThat(r.out()).contains("\nOptions of every command:\n").endsWith("connection error.\n");
        }
        // the same through --help after the command
        assertThat(CliRun.run("schedule", "--help").out()).startsWith("Usage: ./preflight schedule [options]\n");
        // help takes every option (so that -h works anywhere) but has none of its own to list
        assertThat(CliRun.run("help", "help").out()).doesNotContain("Options of help:");
    }

    @Test
    void helpForAnUnknownCommandIsAUsageError() {
        CliRun r = CliRun.run("help", "deploy");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'deploy'");
    }
}
