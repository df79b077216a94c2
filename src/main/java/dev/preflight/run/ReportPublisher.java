package dev.preflight.run;

import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.PreflightException;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.Severity;
import dev.preflight.report.render.CiOutputs;
import dev.preflight.report.render.ReportRenderers;
import dev.preflight.report.render.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a run's report files, publishes the CI outputs and prints the verdict and where the report is. */
final class ReportPublisher {

    private final ProjectLayout project;
    private final Console console;

    ReportPublisher(ProjectLayout project, Console console) {
        this.project = project;
        this.console = console;
    }

    /** The run's report folder, written by the renderers made ahead while the jobs ran, or (null) by new ones. */
    Path publish(ReadinessReport report, Map<String, String> attachments, ReportRenderers.Prepared renderers) throws IOException {
        ReportWriter writer = renderers == null ? new ReportWriter(project) : new ReportWriter(project, renderers);
        Path written = writer.write(report, attachments);
        new CiOutputs(console).publish(report, Files.readString(written.resolve("readiness.md")));
        long blockers = report.findings().stream().filter(f -> f.severity().blocksRelease()).count();
        long warnings = report.findings().stream().filter(f -> f.severity().isWarning()).count();
        console.out().println("Verdict: " + report.verdict() + " (" + blockers + " blocking, " + warnings + " warning finding(s))");
        console.out().println("Report:  " + project.relative(written.resolve("readiness.md")) + " (.html, .json); latest in "
                + project.relative(project.reportsDir().resolve(ReportWriter.LATEST)));
        return written;
    }

    /** A run that could not connect still leaves a report: NOT_READY, the failure as the SRV001 blocker. */
    void publishConnectionFailure(RunLedger ledger, String command, PreflightException e) {
        try {
            ledger.add(new CheckOutcome("SRV001", "Database is reachable with the given credentials", command, CheckOutcome.Status.FAILED,
                    null, List.of(Finding.of("SRV001", Severity.BLOCKER, "database", e.getMessage(), e.remedy()))));
            publish(ReportAssembler.assemble(ledger, command, project, null, null), ledger.attachments(), null);
        } catch (RuntimeException | IOException ignored) {
            // The connection error is what the user must see; a report that could not be written adds nothing.
        }
    }
}
