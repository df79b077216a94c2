package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.kernel.Console;
import dev.preflight.kernel.OptionSpec;
import dev.preflight.kernel.Options;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.Projects;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Options belong to commands: one declaration ({@link OptionSpec#ALL} and each command's flags) is
 * what the parser, the usage check, help and the README agree on.
 *
 * <p>Kills: an option accepted by a command that ignores it ({@code status --provider}); help
 * written by hand (an option missing from it); a README option list that drifts from the code.
 */
class OptionSpecTests {

    private static final Preflight PREFLIGHT = new Preflight(Console.system());

    @Test
    void anOptionACommandDoesNotTakeIsAUsageErrorNamingWhatItTakes() {
        CliRun status = CliRun.run("status", "--provider", "nonsense");
        CliRun migrate = CliRun.run("migrate", "--static-only");

        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err().strip()).startsWith("preflight: option --provider does not apply to status (status takes only the common "
                + "options)").contains("see ./preflight help status").doesNotContain("\n");
        assertThat(migrate.exitCode()).isEqualTo(2);
        assertThat(migrate.err()).contains("option --static-only does not apply to migrate");
        CliRun seed = CliRun.run("seed", "--index", "x");
        assertThat(seed.err()).contains("seed takes --dry-run");
    }

    @Test
    void planCommandsTakeTheirStepsOptionsAndEveryCommandItsOwn() {
        Command gate = command("gate");
        assertThat(gate.flags()).contains("provider", "since", "target-recall", "dry-run");
        gate.checkFlags(Options.parse(new String[] {"gate", "--provider", "deterministic", "--since", "3"}));
        command("backfill").checkFlags(Options.parse(new String[] {"backfill", "--distributed", "--broker-url", "amqp://h"}));
        command("worker").checkFlags(Options.parse(new String[] {"worker", "--worker-id", "w1", "--duration", "5"}));
        for (Command c : PREFLIGHT.commands()) {
            assertThat(OptionSpec.ALL.keySet()).as(c.name() + "'s options are declared").containsAll(c.flags());
        }
    }

    @Test
    void helpIsGeneratedFromTheDeclarations() {
        CliRun all = CliRun.run("help");
        CliRun backfill = CliRun.run("help", "backfill");
        CliRun dashH = CliRun.run("retune", "--index", "x", "-h");

        for (String common : OptionSpec.COMMON) {
            assertThat(all.out()).contains(OptionSpec.ALL.get(common).usage());
        }
        assertThat(backfill.exitCode()).isZero();
        assertThat(backfill.out()).contains("Usage: ./preflight backfill", "--provider NAME", "--broker-url URL", "--dry-run")
                .doesNotContain("--since");
        assertThat(dashH.out()).contains("Usage: ./preflight retune", "--target-recall R", "--apply-settings");
        assertThat(CliRun.run("help", "deploy").exitCode()).isEqualTo(2);
    }

    @Test
    void theReadmeListsEveryOptionAndNoOther() throws Exception {
        String readme = Files.readString(Projects.repositoryRoot().resolve("README.md"));
        String section = readme.substring(readme.indexOf("Options: `--project DIR`"), readme.indexOf("### Exit codes"));
        for (OptionSpec o : OptionSpec.ALL.values()) {
            if (!o.name().equals("help")) {
                assertThat(section).as("README's option list names --" + o.name()).contains("`--" + o.name());
            }
        }
        Matcher m = Pattern.compile("`--([a-z-]+)").matcher(section);
        while (m.find()) {
            assertThat(OptionSpec.ALL).as("README names --" + m.group(1) + ", which the code does not declare").containsKey(m.group(1));
        }
    }

    private static Command command(String name) {
        return PREFLIGHT.commands().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
