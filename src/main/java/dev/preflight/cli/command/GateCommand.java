package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.cli.StepCommand;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code gate}: the main job and CI gate: the {@code gate} plan (the project's
 * {@code jobs/gate.yaml}, else the built-in one); exit code 1 when the database is not ready.
 */
public final class GateCommand implements Command {

    private final Supplier<List<StepCommand>> steps;

    public GateCommand(Supplier<List<StepCommand>> steps) {
        this.steps = steps;
    }

    @Override
    public String name() {
        return "gate";
    }

    /** A plan passes its steps' options on: the plan command takes them all. */
    @Override
    public java.util.Set<String> flags() {
        return RunCommand.stepFlags(steps.get());
    }

    @Override
    public String summary() {
        return "the CI gate: run the gate plan (migrate, ..., report); embedded database when none is given; exit 1 if not ready";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        return RunCommand.runPlan("gate", options, console, steps.get());
    }
}
