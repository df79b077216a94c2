package dev.preflight.plan;

import java.util.List;

/**
 * A job plan from {@code jobs/<name>.yaml}: an ordered list of steps with their parameters, what
 * the failure of each means, and an optional cron schedule.
 */
public record Plan(String name, String description, String file, String schedule, List<Step> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    /** One step: a step command by name, its parameters, and the failure policy. */
    public record Step(String job, java.util.Map<String, String> params, OnFailure onFailure, int line) {
    }

    /** What the failure of a step means for the rest of the plan and the verdict. */
    public enum OnFailure {
        /** Stop the plan; the run is NOT_READY. The default. */
        STOP,
        /** Go on with the next step; the run is NOT_READY. */
        MARK_NOT_READY,
        /** Go on; the failure is a warning only. */
        CONTINUE;

        static OnFailure parse(String s) {
            return switch (s) {
                case "stop" -> STOP;
                case "mark-not-ready" -> MARK_NOT_READY;
                case "continue" -> CONTINUE;
                default -> throw new IllegalArgumentException("onFailure must be stop, mark-not-ready or continue, not '" + s + "'");
            };
        }
    }
}
