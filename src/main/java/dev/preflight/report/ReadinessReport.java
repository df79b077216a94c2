package dev.preflight.report;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The readiness report: the contract between the jobs and every rendering (JSON first, then
 * Markdown and HTML from the same model). Bump {@link #SCHEMA_VERSION} on incompatible changes.
 * The jobs' sections are held by key (registered in {@link ReportSections}) and written into the
 * JSON at the top level after the checklist, as they always were.
 */
public record ReadinessReport(
        int schemaVersion,
        String runId,
        String command,
        String generatedAt,
        String preflightVersion,
        String project,
        Verdict verdict,
        String verdictRule,
        double confidence,
        List<String> jobs,
        List<StepRecord> steps,
        List<String> warnings,
        DatabaseInfo database,
        MigrationStatus migrationStatus,
        List<MigrationEntry> migrations,
        List<Finding> findings,
        List<CheckOutcome> checklist,
        @JsonIgnore Map<String, ReportSection> sections) {

    public static final int SCHEMA_VERSION = 1;

    /** The sections in registry order, absent ones left out; each under its registered key. */
    public ReadinessReport {
        Map<String, ReportSection> ordered = new LinkedHashMap<>();
        for (ReportSections.Kind kind : ReportSections.ALL) {
            ReportSection s = sections == null ? null : sections.get(kind.key());
            if (s != null) {
                ordered.put(kind.key(), s);
            }
        }
        sections = Collections.unmodifiableMap(ordered);
    }

    /** The sections given as records, each under its registered key (nulls are absent sections). */
    public static Map<String, ReportSection> sections(ReportSection... records) {
        Map<String, ReportSection> out = new LinkedHashMap<>();
        for (ReportSection r : records) {
            if (r != null) {
                out.put(ReportSections.of(r.getClass()).key(), r);
            }
        }
        return out;
    }

    /** The sections as JSON properties, after the checklist. */
    @JsonAnyGetter
    public Map<String, ReportSection> sectionsByKey() {
        return sections;
    }

    /** This report with its sections replaced. */
    public ReadinessReport withSections(Map<String, ReportSection> replaced) {
        return new ReadinessReport(schemaVersion, runId, command, generatedAt, preflightVersion, project, verdict, verdictRule, confidence,
                jobs, steps, warnings, database, migrationStatus, migrations, findings, checklist, replaced);
    }

    /** The section of this type, or null when its job did not run. */
    public <T extends ReportSection> T section(Class<T> type) {
        return type.cast(sections.get(ReportSections.of(type).key()));
    }

    public SeedSection seed() {
        return section(SeedSection.class);
    }

    public EmbeddingsSection embeddings() {
        return section(EmbeddingsSection.class);
    }

    public VectorIndexTuning vectorIndexTuning() {
        return section(VectorIndexTuning.class);
    }

    public VerifySection verify() {
        return section(VerifySection.class);
    }

    public NextSteps nextSteps() {
        return section(NextSteps.class);
    }

    public LintSection lint() {
        return section(LintSection.class);
    }

    public List<Finding> findingsAt(Severity... severities) {
        List<Severity> wanted = List.of(severities);
        return findings.stream().filter(f -> wanted.contains(f.severity())).toList();
    }
}
