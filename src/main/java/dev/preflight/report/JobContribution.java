package dev.preflight.report;

import java.util.List;
import java.util.Map;

/**
 * What one job added to its run's report: its steps, its checks' outcomes, warnings, sections and migration facts. A plan keeps
 * each completed job's contribution, so that a restart that skips the job still reports what it measured in this run
 * rather than calling it not run.
 *
 * @param stateBefore the database's migration state before the job (the migrate job's), or null
 * @param sections the job's report sections by registered key (JSON reads each back as its registered record)
 */
public record JobContribution(List<StepRecord> steps, List<CheckOutcome> outcomes, List<String> warnings, List<String> appliedVersions,
                              MigrationStatus.DatabaseState stateBefore, Map<String, String> attachments,
                              Map<String, ReportSection> sections) {

    public JobContribution {
        steps = List.copyOf(steps);
        outcomes = List.copyOf(outcomes);
        warnings = List.copyOf(warnings);
        appliedVersions = List.copyOf(appliedVersions);
        attachments = Map.copyOf(attachments);
        sections = sections == null ? Map.of() : Map.copyOf(sections);
    }

    /** This contribution with these sections (the JSON reader sets them after reading each by its kind). */
    public JobContribution withSections(Map<String, ReportSection> more) {
        return new JobContribution(steps, outcomes, warnings, appliedVersions, stateBefore, attachments, more);
    }
}
