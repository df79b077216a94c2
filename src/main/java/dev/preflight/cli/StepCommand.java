package dev.preflight.cli;

import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.plan.PlanStep;
import dev.preflight.run.ProjectInputs;
import dev.preflight.run.Session;
import java.util.Set;

/**
 * A command that is also a plan step: it runs its job(s) inside a session that a plan (or the
 * command itself) opened, and declares the parameters a plan may give it.
 */
public interface StepCommand extends Command, PlanStep {

    /** Run on its own, a step takes the options a plan may give it. */
    @Override
    default Set<String> flags() {
        return parameters();
    }

    /**
     * The step's checks, run on its own: given the run's inputs that its session has read (a plan checks every step
     * before its session opens, with {@link #validate(ProjectLayout, Options)}, the default here too).
     */
    default void validate(ProjectInputs inputs, Options options) {
        validate(inputs.project(), options);
    }

    /** Run on its own: a session of its own (whose opening runs the step's checks), the step, then the report. */
    @Override
    default ExitCode run(Options options, Console console) throws Exception {
        try (Session session = Session.open(name(), options, console, inputs -> validate(inputs, options))) {
            execute(session, options);
            return session.finish();
        }
    }
}
