package dev.preflight.plan;

import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.Options;
import dev.preflight.run.Session;
import java.util.Set;

/** What a plan runs as one of its steps: a job by name, with the parameters it accepts (the step commands implement it). */
public interface PlanStep {

    /** The job name a plan's {@code job:} field refers to. */
    String name();

    /** Option names this step accepts as plan parameters (without the leading dashes). */
    Set<String> parameters();

    /** Checks the step's own input files before any step of the run starts (default: nothing to check). */
    default void validate(ProjectLayout project, Options options) {
    }

    /** Runs the step in an open session; returns false when its job failed. */
    boolean execute(Session session, Options options) throws Exception;
}
