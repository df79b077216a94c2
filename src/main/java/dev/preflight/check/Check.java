package dev.preflight.check;

import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * One small, independent check with a stable id: it returns findings, never throws them. Its
 * severity is a default that the project's configuration may override.
 */
public interface Check {

    /** Stable id: family prefix and number, for example {@code SRV002}. */
    String id();

    /** One line, phrased as the checklist item it verifies ("Server is PostgreSQL 14 or newer"). */
    String title();

    Severity defaultSeverity();

    /** The family, from the id's prefix; with it the job whose results this check verifies. */
    default CheckFamily family() {
        return CheckFamily.of(id());
    }

    /**
     * Why the check has nothing to verify in this run (for example: no index was measured), or null when
     * it runs. A check with a reason is recorded as NOT_RUN with it, never as PASSED: a checklist must
     * not pass what it did not measure.
     */
    default String notRunReason(CheckContext context) throws Exception {
        return null;
    }

    /** Runs the check; an empty list means it passed. */
    List<Finding> run(CheckContext context) throws Exception;

    /** Builds a finding of this check with its default severity. */
    default Finding finding(String subject, String message, String expected, String actual, String remedy) {
        return new Finding(id(), defaultSeverity(), subject, message, expected, actual, remedy);
    }
}
