package dev.preflight.run;

import dev.preflight.report.CheckOutcome;
import dev.preflight.report.EmbeddingsSection;
import dev.preflight.report.JobContribution;
import dev.preflight.report.LintSection;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.ReportSection;
import dev.preflight.report.SeedSection;
import dev.preflight.report.StepRecord;
import dev.preflight.report.VectorIndexTuning;
import dev.preflight.report.VerifySection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the jobs of one run measured, collected for the report. One ledger per run; steps add to
 * it, the report assembler reads it.
 */
public final class RunLedger {

    private final String runId;
    private final Set<String> jobs = new LinkedHashSet<>();
    private final List<CheckOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final List<StepRecord> steps = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private volatile MigrationStatus.DatabaseState stateBefore;
    private volatile int appliedInThisRun;
    private volatile String migrationError;
    private final Set<String> appliedVersions = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile List<MigrationEntry> migrations = List.of();
    private volatile String plan;
    private final java.util.Map<String, String> attachments = Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    /** The jobs' report sections by type; jobs on other threads (a backfill's workers) write here. */
    private final Map<Class<?>, ReportSection> sections = new java.util.concurrent.ConcurrentHashMap<>();

    public RunLedger(String runId) {
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }

    public void jobRan(String job) {
        jobs.add(job);
    }

    public List<String> jobs() {
        return List.copyOf(jobs);
    }

    public void add(CheckOutcome outcome) {
        outcomes.add(outcome);
    }

    public void addAll(List<CheckOutcome> more) {
        outcomes.addAll(more);
    }

    public List<CheckOutcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    public boolean hasOutcome(String checkId) {
        return outcomes().stream().anyMatch(o -> o.id().equals(checkId));
    }

    public void step(StepRecord record) {
        steps.add(record);
    }

    public List<StepRecord> steps() {
        synchronized (steps) {
            return List.copyOf(steps);
        }
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    public MigrationStatus.DatabaseState stateBefore() {
        return stateBefore;
    }

    public void stateBefore(MigrationStatus.DatabaseState state) {
        if (stateBefore == null) {
            stateBefore = state;
        }
    }

    public void migrationsApplied(List<String> versions, String error) {
        appliedVersions.addAll(versions);
        appliedInThisRun = appliedVersions.size();
        if (error != null) {
            migrationError = error;
        }
    }

    public Set<String> appliedVersions() {
        return Set.copyOf(appliedVersions);
    }

    public int appliedInThisRun() {
        return appliedInThisRun;
    }

    public String migrationError() {
        return migrationError;
    }

    public List<MigrationEntry> migrations() {
        return migrations;
    }

    public void migrations(List<MigrationEntry> entries) {
        migrations = List.copyOf(entries);
    }

    /** Records (or replaces) a job's report section; ReportSections says where it goes. */
    public void section(ReportSection section) {
        sections.put(section.getClass(), section);
    }

    /** The section of this type recorded so far, or null. */
    public <T extends ReportSection> T section(Class<T> type) {
        return type.cast(sections.get(type));
    }

    /** Every section recorded, each under its registered key. */
    public Map<String, ReportSection> sections() {
        return ReadinessReport.sections(sections.values().toArray(ReportSection[]::new));
    }

    public SeedSection seed() {
        return section(SeedSection.class);
    }

    public void seed(SeedSection section) {
        section(section);
    }

    public EmbeddingsSection embeddings() {
        return section(EmbeddingsSection.class);
    }

    public void embeddings(EmbeddingsSection section) {
        section(section);
    }

    public VectorIndexTuning vectorIndexTuning() {
        return section(VectorIndexTuning.class);
    }

    public void vectorIndexTuning(VectorIndexTuning section) {
        section(section);
    }

    public VerifySection verify() {
        return section(VerifySection.class);
    }

    public void verify(VerifySection section) {
        section(section);
    }

    public LintSection lint() {
        return section(LintSection.class);
    }

    public void lint(LintSection section) {
        section(section);
    }

    /** Where the ledger stood when a job started: {@link #since} returns what the job added after it. */
    public record Mark(int steps, int outcomes, int warnings, Set<String> appliedVersions, boolean stateBeforeKnown,
                       Map<String, String> attachments, Map<Class<?>, ReportSection> sections) {
    }

    public Mark mark() {
        synchronized (outcomes) {
            synchronized (warnings) {
                return new Mark(steps.size(), outcomes.size(), warnings.size(), appliedVersions(), stateBefore != null, attachments(),
                        Map.copyOf(sections));
            }
        }
    }

    /** What was added since {@code mark}: new outcomes and warnings, new or replaced sections, versions and attachments. */
    public JobContribution since(Mark mark) {
        List<StepRecord> newSteps;
        synchronized (steps) {
            newSteps = List.copyOf(steps.subList(mark.steps(), steps.size()));
        }
        List<CheckOutcome> newOutcomes;
        synchronized (outcomes) {
            newOutcomes = List.copyOf(outcomes.subList(mark.outcomes(), outcomes.size()));
        }
        List<String> newWarnings;
        synchronized (warnings) {
            newWarnings = List.copyOf(warnings.subList(mark.warnings(), warnings.size()));
        }
        List<String> versions;
        synchronized (appliedVersions) { // in the order they were applied
            versions = appliedVersions.stream().filter(v -> !mark.appliedVersions().contains(v)).toList();
        }
        Map<String, String> newAttachments = new java.util.LinkedHashMap<>(attachments());
        newAttachments.entrySet().removeIf(e -> e.getValue().equals(mark.attachments().get(e.getKey())));
        List<ReportSection> newSections = sections.entrySet().stream()
                .filter(e -> mark.sections().get(e.getKey()) != e.getValue()).map(Map.Entry::getValue).toList();
        return new JobContribution(newSteps, newOutcomes, newWarnings, versions, mark.stateBeforeKnown() ? null : stateBefore, newAttachments,
                ReadinessReport.sections(newSections.toArray(ReportSection[]::new)));
    }

    /**
     * Adds what a job contributed in an earlier attempt of this run (a restart that skips the completed job); its steps
     * keep their durations and say they ran then.
     */
    public void restore(JobContribution contribution) {
        contribution.steps().forEach(s -> step(new StepRecord(s.job(), s.step(), s.status(),
                s.exitCode() + ", in an earlier attempt of run " + runId, s.durationMs())));
        outcomes.addAll(contribution.outcomes());
        warnings.addAll(contribution.warnings());
        if (contribution.stateBefore() != null) {
            stateBefore(contribution.stateBefore());
        }
        if (!contribution.appliedVersions().isEmpty()) {
            migrationsApplied(contribution.appliedVersions(), null);
        }
        attachments.putAll(contribution.attachments());
        contribution.sections().values().forEach(this::section);
    }

    /** The plan this run executes, or null for a single command. */
    public String plan() {
        return plan;
    }

    public void plan(String name) {
        plan = name;
    }

    /** Adds a file to the run's report folder (for example {@code drift.sql}), by file name. */
    public void attach(String fileName, String content) {
        attachments.put(fileName, content);
    }

    public java.util.Map<String, String> attachments() {
        synchronized (attachments) {
            return java.util.Map.copyOf(attachments);
        }
    }
}
