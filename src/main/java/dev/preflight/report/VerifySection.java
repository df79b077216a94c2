package dev.preflight.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Report sections of the verify job: schema drift against a replay of the migrations, the
 * migration history, smoke checks, git and CI readiness, the schema per domain and what changed
 * since the previous run. Parts of jobs that did not get to run are null.
 */
public record VerifySection(Drift drift, History history, List<SmokeResult> smoke, Git git, Ci ci,
                            List<DomainStatus> domains, Comparison comparison, long totalMs,
                            @JsonIgnore PreviousRun previous) implements ReportSection {

    public static VerifySection empty() {
        return new VerifySection(null, null, List.of(), null, null, List.of(), null, 0, null);
    }

    public VerifySection withDrift(Drift d, List<DomainStatus> domainStatus) {
        return new VerifySection(d, history, smoke, git, ci, domainStatus, comparison, totalMs, previous);
    }

    public VerifySection withHistory(History h, PreviousRun p) {
        return new VerifySection(drift, h, smoke, git, ci, domains, comparison, totalMs, p);
    }

    public VerifySection withSmoke(List<SmokeResult> s) {
        return new VerifySection(drift, history, List.copyOf(s), git, ci, domains, comparison, totalMs, previous);
    }

    public VerifySection withGit(Git g) {
        return new VerifySection(drift, history, smoke, g, ci, domains, comparison, totalMs, previous);
    }

    public VerifySection withCi(Ci c) {
        return new VerifySection(drift, history, smoke, git, c, domains, comparison, totalMs, previous);
    }

    public VerifySection withTotalMs(long total) {
        return new VerifySection(drift, history, smoke, git, ci, domains, comparison, total, previous);
    }

    public VerifySection withComparison(Comparison c, List<DomainStatus> domainStatus) {
        return new VerifySection(drift, history, smoke, git, ci, domainStatus, c, totalMs, previous);
    }

    /** Drift by replay: the migrations applied to a shadow database, both schemas read and compared. */
    public record Drift(String shadowDatabase, int objectsCompared, List<DriftItem> items, String driftSqlFile,
                        long replayMs, long introspectMs, long diffMs, String error) {
    }

    /** One difference, as the report lists it. */
    public record DriftItem(String checkId, Severity severity, String subject, String change, String expected, String actual,
                            boolean repairable) {
    }

    /** The migration history as Flyway sees it; the findings themselves are the MIG00x checks'. */
    public record History(int applied, int pending, int failed, int checksumMismatches, int missingFiles) {
    }

    /** One smoke check's result and how long it took. */
    public record SmokeResult(String id, String title, Severity severity, CheckOutcome.Status status, String evidence,
                              String file, long millis) {
    }

    /** Git state of the project folder. */
    public record Git(boolean repository, String branch, String head, List<String> uncommittedMigrations,
                      List<String> uncommittedSchemaOrSeed, List<String> trackedSecrets, String error) {
    }

    /** CI workflows found and, in CI, which database variables are set (never their values). */
    public record Ci(List<Workflow> workflows, boolean ciMode, Boolean databaseUrlSet, Boolean directDatabaseUrlSet) {
    }

    /** A workflow file: what triggers it and what it runs. */
    public record Workflow(String file, List<String> triggers, List<String> runs) {
    }

    /** One schema domain: its tables present against expected and open findings, now and in the previous run. */
    public record DomainStatus(String domain, List<String> tables, int tablesPresent, List<String> missingTables,
                               int openFindings, Integer previousTablesPresent, Integer previousOpenFindings, String change) {

        public DomainStatus with(int open, Integer prevPresent, Integer prevOpen, String changeLabel) {
            return new DomainStatus(domain, tables, tablesPresent, missingTables, open, prevPresent, prevOpen, changeLabel);
        }
    }

    /** Findings compared with the previous run's report, by check id and subject. */
    public record Comparison(String previousRunId, String previousGeneratedAt, String previousVerdict,
                             List<FindingRef> added, List<FindingRef> fixed, List<FindingRef> stillOpen) {
    }

    /** A finding as identified across runs. */
    public record FindingRef(String id, Severity severity, String subject, String message) {
    }

    /** What the previous run's report said, read before this run's report is written. */
    public record PreviousRun(String runId, String generatedAt, String verdict, List<FindingRef> findings, List<DomainStatus> domains) {
    }
}
