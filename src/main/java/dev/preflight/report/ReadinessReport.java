package dev.preflight.report;

import java.util.List;

/**
 * The readiness report: the contract between the jobs and every rendering (JSON first, then
 * Markdown and HTML from the same model). Bump {@link #SCHEMA_VERSION} on incompatible changes.
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
        SeedSection seed,
        EmbeddingsSection embeddings,
        VectorIndexTuning vectorIndexTuning,
        VerifySection verify,
        NextSteps nextSteps,
        LintSection lint) {

    public static final int SCHEMA_VERSION = 1;

    /** A report without the next-steps plan and the lint section. */
    public ReadinessReport(int schemaVersion, String runId, String command, String generatedAt, String preflightVersion, String project,
                           Verdict verdict, String verdictRule, double confidence, List<String> jobs, List<StepRecord> steps,
                           List<String> warnings, DatabaseInfo database, MigrationStatus migrationStatus, List<MigrationEntry> migrations,
                           List<Finding> findings, List<CheckOutcome> checklist, SeedSection seed, EmbeddingsSection embeddings,
                           VectorIndexTuning vectorIndexTuning, VerifySection verify) {
        this(schemaVersion, runId, command, generatedAt, preflightVersion, project, verdict, verdictRule, confidence, jobs, steps, warnings,
                database, migrationStatus, migrations, findings, checklist, seed, embeddings, vectorIndexTuning, verify, null, null);
    }

    public List<Finding> findingsAt(Severity... severities) {
        List<Severity> wanted = List.of(severities);
        return findings.stream().filter(f -> wanted.contains(f.severity())).toList();
    }
}
