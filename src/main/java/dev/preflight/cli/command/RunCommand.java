package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.cli.StepCommand;
import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.plan.PlanLoader;
import dev.preflight.plan.PlanRunner;
import java.util.List;
import java.util.function.Supplier;

/** {@code run PLAN}: runs a job plan from {@code jobs/PLAN.yaml} (or the built-in plan of that name). */
public final class RunCommand implements Command {

    private final Supplier<List<StepCommand>> steps;

    public RunCommand(Supplier<List<StepCommand>> steps) {
        this.steps = steps;
    }

    @Override
    public String name() {
        return "run";
    }

    /** A plan passes its steps' options on: the plan command takes them all. */
    @Override
    public java.util.Set<String> flags() {
        return RunCommand.stepFlags(steps.get());
    }

    /** Every option some step command takes. */
    static java.util.Set<String> stepFlags(List<StepCommand> steps) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        steps.forEach(s -> out.addAll(s.parameters()));
        return out;
    }

    @Override
    public String summary() {
        return "run a job plan: ./preflight run nightly (jobs/nightly.yaml)";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        if (options.arguments().size() != 1) {
            throw PreflightException.config("run needs exactly one plan name", "for example: ./preflight run nightly");
        }
        return runPlan(options.arguments().get(0), options, console, steps.get());
    }

    static ExitCode runPlan(String name, Options options, Console console, List<StepCommand> steps) throws Exception {
        ProjectLayout project = new ProjectLayout(options.project(), options.reportsDir());
        var plan = new PlanLoader(project, steps).load(name);
        return new PlanRunner(steps).run(plan, options, console);
    }
}
