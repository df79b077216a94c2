package dev.preflight.report;

import java.util.List;

/** The answer a report gives, decided from its findings by a rule written in the report. */
public enum Verdict {
    READY, READY_WITH_WARNINGS, NOT_READY;

    /** The rule, as printed in every report. */
    public static final String RULE = "NOT_READY when any finding is blocker or high; READY_WITH_WARNINGS when any finding "
            + "is medium or low; otherwise READY. Info findings never change the verdict. The verdict covers only what this run "
            + "checked (see the checklist).";

    public static Verdict decide(List<Finding> findings) {
        if (findings.stream().anyMatch(f -> f.severity().blocksRelease())) {
            return NOT_READY;
        }
        if (findings.stream().anyMatch(f -> f.severity().isWarning())) {
            return READY_WITH_WARNINGS;
        }
        return READY;
    }
}
