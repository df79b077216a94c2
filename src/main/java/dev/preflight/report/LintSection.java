package dev.preflight.report;

import java.util.List;

/**
 * The lint job's section: what was analysed, every hazard (with the measured lock, rewrite and
 * time where the shadow database ran it), the suppressions with their reasons, and the timings.
 */
public record LintSection(String scope, int migrations, int statements, boolean measured, String measuredNote, int sampleRows,
                          List<String> sampleSkipped, List<Hazard> hazards, List<Hazard> suppressed, long staticMs, long replayMs,
                          long loadMs, long measureMs) implements ReportSection {

    /** One hazard: rule, where, the statement, why, the safe alternative and what was measured. */
    public record Hazard(String rule, String title, Severity severity, String file, int line, String statement, String message,
                         String remedy, String measured, String suppressedBecause) {
    }

    public LintSection {
        sampleSkipped = List.copyOf(sampleSkipped);
        hazards = List.copyOf(hazards);
        suppressed = List.copyOf(suppressed);
    }
}
