package dev.preflight.run;

import dev.preflight.config.ProjectLayout;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.DatabaseInfo;
import dev.preflight.report.Finding;
import dev.preflight.report.MigrationStatus;
import dev.preflight.report.NextSteps;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.ReportSection;
import dev.preflight.report.RunComparison;
import dev.preflight.report.Verdict;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the report model from what a run measured. It adds nothing of its own: items no job in
 * the run covered appear in the checklist as NOT_RUN, and they lower the confidence figure.
 */
public final class ReportAssembler {

    /** Items verified by jobs that did not run in this session; each becomes NOT_RUN. */
    private static final List<CheckOutcome> COVERAGE = List.of(
            notRun("LINT000", "Pending migrations linted for lock, rewrite and compatibility hazards", "lint"),
            notRun("SEED000", "Seed data loaded and idempotent", "seed"),
            notRun("EMB000", "Embeddings filled, no NULL vectors left", "backfill"),
            notRun("IDX000", "Vector index recall measured against exact search", "retune"),
            notRun("DRIFT000", "Schema matches the migrations (no drift)", "verify"),
            notRun("SMOKE000", "Smoke checks pass", "verify"),
            notRun("GIT000", "Migration files committed to git", "verify"),
            notRun("CI000", "CI workflow and secrets in place", "verify"));

    private ReportAssembler() {
    }

    private static CheckOutcome notRun(String id, String title, String job) {
        return new CheckOutcome(id, title, job, CheckOutcome.Status.NOT_RUN, "the " + job + " job did not run in this run", List.of());
    }

    /** The jobs' sections, verify's completed with the comparison to the previous run, and the next steps from the findings. */
    private static Map<String, ReportSection> sections(RunLedger ledger, ProjectLayout project, List<Finding> findings) {
        Map<String, ReportSection> out = new LinkedHashMap<>(ledger.sections());
        if (ledger.verify() != null) {
            out.putAll(ReadinessReport.sections(RunComparison.complete(ledger.verify(), findings)));
        }
        out.putAll(ReadinessReport.sections(NextSteps.plan(findings, project.relative(project.reportsDir().resolve(ledger.runId())))));
        return out;
    }

    public static ReadinessReport assemble(RunLedger ledger, String command, ProjectLayout project,
                                           DatabaseInfo database, MigrationStatus migrationStatus) {
        List<CheckOutcome> checklist = new ArrayList<>(ledger.outcomes());
        for (CheckOutcome c : COVERAGE) {
            if (!ledger.jobs().contains(c.job())) {
                checklist.add(c);
            }
        }
        List<Finding> findings = checklist.stream().flatMap(o -> o.findings().stream())
                .sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::id)).toList();
        long verified = checklist.stream().filter(CheckOutcome::verified).count();
        double confidence = checklist.isEmpty() ? 0 : Math.round(1000.0 * verified / checklist.size()) / 1000.0;
        return new ReadinessReport(ReadinessReport.SCHEMA_VERSION, ledger.runId(), command,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), version(), project.root().getFileName().toString(),
                Verdict.decide(findings), Verdict.RULE, confidence, ledger.jobs(), ledger.steps(), ledger.warnings(),
                database, migrationStatus, ledger.migrations(), findings, List.copyOf(checklist), sections(ledger, project, findings));
    }

    private static String version() {
        String v = ReportAssembler.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
