package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.OptionSpec;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import java.util.List;
import java.util.function.Supplier;

/** Help generated from the command and option declarations: every command, or one command with its own options. */
public final class HelpCommand implements Command {

    private final Supplier<List<Command>> commands;

    public HelpCommand(Supplier<List<Command>> commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "help";
    }

    /** -h after any command line shows help, whatever else it holds. */
    @Override
    public java.util.Set<String> flags() {
        return dev.preflight.kernel.OptionSpec.ALL.keySet();
    }

    @Override
    public String summary() {
        return "list the commands and options";
    }

    @Override
    public ExitCode run(Options options, Console console) {
        var out = console.out();
        // ./preflight help COMMAND, or ./preflight COMMAND --help
        String name = !options.arguments().isEmpty() ? options.arguments().get(0) : options.command().equals("help") ? null : options.command();
        if (name != null) {
            Command c = commands.get().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> PreflightException.config("unknown command '" + name + "'", "see ./preflight help for the commands"));
            out.println("Usage: ./preflight " + c.name() + " [options]");
            out.println();
            out.println(c.summary());
            java.util.List<String> own = c.flags().stream().filter(f -> !OptionSpec.COMMON.contains(f)).toList();
            if (!own.isEmpty() && c != this) {
                out.println();
                out.println("Options of " + c.name() + ":");
                OptionSpec.ALL.values().stream().filter(o -> own.contains(o.name())).forEach(o -> print(out, o));
            }
        } else {
            out.println("Usage: ./preflight <command> [options]   (./preflight help COMMAND for a command's own options)");
            out.println();
            out.println("Commands:");
            for (Command c : commands.get()) {
                out.printf("  %-10s %s%n", c.name(), c.summary());
            }
        }
        out.println();
        out.println("Options of every command:");
        OptionSpec.ALL.values().stream().filter(o -> OptionSpec.COMMON.contains(o.name())).forEach(o -> print(out, o));
        out.println();
        out.println("Exit codes: 0 ready, 1 not ready, 2 usage, configuration or connection error.");
        return ExitCode.READY;
    }

    private static void print(java.io.PrintStream out, OptionSpec o) {
        out.printf("  %-24s %s%n", o.usage(), o.help());
    }
}
