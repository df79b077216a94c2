package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.cli.StepCommand;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.run.RunHistory;
import dev.preflight.run.RunId;
import dev.preflight.run.Session;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code restart RUN}: resumes a failed or stopped run from its failed step: the run's plan (or
 * command) runs again under the same run id, so completed jobs are skipped and the failed job
 * continues where its job repository says it stopped.
 */
public final class RestartCommand implements Command {

    private final Supplier<List<StepCommand>> steps;
    private final Supplier<List<Command>> commands;

    public RestartCommand(Supplier<List<StepCommand>> steps, Supplier<List<Command>> commands) {
        this.steps = steps;
        this.commands = commands;
    }

    @Override
    public String name() {
        return "restart";
    }

    /** A plan passes its steps' options on: the plan command takes them all. */
    @Override
    public java.util.Set<String> flags() {
        return RunCommand.stepFlags(steps.get());
    }

    @Override
    public String summary() {
        return "restart a failed run from its failed step: ./preflight restart RUN-ID";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        if (options.arguments().size() != 1) {
            throw PreflightException.config("restart needs the run id", "./preflight history lists the runs");
        }
        String runId = RunId.check(options.arguments().get(0));
        RunHistory.Run previous;
        try (Session session = Session.openReadOnly(name(), options, console)) {
            previous = session.history().find(runId);
        }
        if (previous == null) {
            throw PreflightException.config("no run '" + runId + "' in this database's history", "./preflight history lists the runs");
        }
        if (previous.completed()) {
            throw PreflightException.config("run '" + runId + "' completed; there is nothing to restart",
                    "start a new run instead (./preflight " + (previous.plan() != null ? "run " + previous.plan() : previous.command()) + ")");
        }
        console.err().println("[preflight] restarting run " + runId + " (" + (previous.plan() != null ? "plan " + previous.plan() : previous.command()) + ")");
        Options again = options.withParams(Map.of()).withRunId(runId);
        if (previous.plan() != null) {
            return RunCommand.runPlan(previous.plan(), again, console, steps.get());
        }
        Command command = commands.get().stream().filter(c -> c.name().equals(previous.command())).findFirst()
                .orElseThrow(() -> PreflightException.config("run '" + runId + "' was made by an unknown command " + previous.command(), "run it anew"));
        return command.run(again, console);
    }
}
