package dev.preflight.cli;

import dev.preflight.PreflightBoot;
import dev.preflight.cli.command.BackfillCommand;
import dev.preflight.cli.command.BaselineCommand;
import dev.preflight.cli.command.GateCommand;
import dev.preflight.cli.command.HelpCommand;
import dev.preflight.cli.command.HistoryCommand;
import dev.preflight.cli.command.LintCommand;
import dev.preflight.cli.command.MigrateCommand;
import dev.preflight.cli.command.ReportCommand;
import dev.preflight.cli.command.RestartCommand;
import dev.preflight.cli.command.RetuneCommand;
import dev.preflight.cli.command.RunCommand;
import dev.preflight.cli.command.ScheduleCommand;
import dev.preflight.cli.command.SeedCommand;
import dev.preflight.cli.command.StatusCommand;
import dev.preflight.cli.command.VerifyCommand;
import dev.preflight.cli.command.WorkerCommand;
import dev.preflight.config.KnownSecrets;
import dev.preflight.job.backfill.provider.ProviderException;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.Diagnostics;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.run.ConnectionLoss;
import dev.preflight.run.RunSpring;
import dev.preflight.run.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The command dispatcher: a registry of commands by name (a new command is one more entry, not
 * another branch), errors turned into one line on stderr and an exit code.
 */
public final class Preflight {

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Console console;

    public Preflight(Console console) {
        this.console = console.scrubbed();
        RunSpring.configure(PreflightBoot.class); // the jobs' configuration, for every run this process opens
        register(List.of(new GateCommand(this::steps), new RunCommand(this::steps), new LintCommand(), new MigrateCommand(), new SeedCommand(),
                new BackfillCommand(), new RetuneCommand(), new VerifyCommand(), new ReportCommand(), new StatusCommand(),
                new HistoryCommand(), new BaselineCommand(), new RestartCommand(this::steps, this::commands), new ScheduleCommand(this::steps), new WorkerCommand()));
        register(List.of(new HelpCommand(this::commands)));
    }

    private void register(List<Command> more) {
        for (Command c : more) {
            if (commands.putIfAbsent(c.name(), c) != null) {
                throw new IllegalStateException("two commands are named " + c.name());
            }
        }
    }

    /** The commands that can be plan steps. */
    public List<StepCommand> steps() {
        return commands.values().stream().filter(StepCommand.class::isInstance).map(StepCommand.class::cast).toList();
    }

    public List<Command> commands() {
        return List.copyOf(commands.values());
    }

    /** Runs one command line and returns the process exit code. */
    public int run(String[] args) {
        KnownSecrets.register(console.env(), args);
        try {
            Options options = Options.parse(args);
            Diagnostics.debug(options.has("debug") || "true".equalsIgnoreCase(console.env("PREFLIGHT_DEBUG")));
            Command command = commands.get(options.has("help") ? "help" : options.command());
            if (command == null) {
                throw PreflightException.config("unknown command '" + options.command() + "'", "see ./preflight help for the commands");
            }
            command.checkFlags(options);
            return command.run(options, console).code();
        } catch (PreflightException e) {
            console.error(e.oneLine());
            return e.exitCode().code();
        } catch (Exception e) {
            if (ConnectionLoss.is(e)) {
                String run = Session.lastRunId();
                console.error(ConnectionLoss.line("what completed before it is recorded in the job repository ("
                        + firstLine(e) + ")", run == null ? "<run id from ./preflight history>" : run));
                if (Diagnostics.debug()) {
                    e.printStackTrace(console.err());
                }
                return ExitCode.USAGE_OR_CONNECTION.code();
            }
            ProviderException.Unavailable provider = causeOf(e, ProviderException.Unavailable.class);
            if (provider != null) {
                String run = Session.lastRunId();
                console.error("the embedding provider is unavailable: " + provider.getMessage() + "; check the provider's URL, key and"
                        + " network (jobs/preflight.yaml, embeddings), then " + (run == null ? "run the backfill again" : "./preflight restart " + run));
                return ExitCode.USAGE_OR_CONNECTION.code();
            }
            java.sql.SQLException denied = permissionDenied(e);
            if (denied != null) {
                // a privilege the connecting role lacks is a setup problem the user can fix, not a bug in Preflight
                console.error("the database refused the connecting role: " + denied.getMessage().lines().findFirst().orElse("")
                        + " -> grant the role that privilege, or run Preflight as the object's owner (see README, Failure behaviour)");
                if (Diagnostics.debug()) {
                    e.printStackTrace(console.err());
                }
                return ExitCode.USAGE_OR_CONNECTION.code();
            }
            console.error("internal error: " + e);
            if (Diagnostics.debug()) {
                e.printStackTrace(console.err());
            }
            return ExitCode.USAGE_OR_CONNECTION.code();
        } finally {
            // the scrubbing streams pass text on at line ends: an unfinished last line is passed on here
            console.out().flush();
            console.err().flush();
        }
    }

    /** The first SQLException in the failure's chain that is SQLSTATE 42501 (insufficient privilege), or null. */
    static java.sql.SQLException permissionDenied(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "42501".equals(sql.getSQLState())) {
                return sql;
            }
        }
        return null;
    }

    /** The first cause of this type in the failure's chain, or null. */
    static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** Lookup used by help: name to command. */
    public static Function<String, Command> lookup(List<Command> commands) {
        return name -> commands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
