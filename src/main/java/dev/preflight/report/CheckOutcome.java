package dev.preflight.report;

import java.util.List;

/** The result of one check in a run; the checklist is made of these. */
public record CheckOutcome(String id, String title, String job, Status status, String evidence, List<Finding> findings) {

    /** PASSED and FAILED are verified results; ERROR means the check crashed; NOT_RUN that no job in this run covers it. */
    public enum Status { PASSED, FAILED, ERROR, NOT_RUN }

    public CheckOutcome {
        findings = List.copyOf(findings);
    }

    public boolean verified() {
        return status == Status.PASSED || status == Status.FAILED;
    }
}
