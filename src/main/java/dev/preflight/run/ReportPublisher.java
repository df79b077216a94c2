package dev.preflight.run;

import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.Console;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.render.CiOutputs;
import dev.preflight.report.render.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a run's report files, publishes the CI outputs and prints the verdict and where the report is. */
final class ReportPublisher {

    private final ProjectLayout project;
    private final Console console;

    ReportPublisher(ProjectLayout project, Console console) {
        this.project = project;
        this.console = console;
    }

    /** The run's report folder, written. */
    Path publish(ReadinessReport report, Map<String, String> attachments) throws IOException {
        Path written = new ReportWriter(project).write(report, attachments);
        new CiOutputs(console).publish(report, Files.readString(written.resolve("readiness.md")));
        long blockers = report.findings().stream().filter(f -> f.severity().blocksRelease()).count();
        long warnings = report.findings().stream().filter(f -> f.severity().isWarning()).count();
        console.out().println("Verdict: " + report.verdict() + " (" + blockers + " blocking, " + warnings + " warning finding(s))");
        console.out().println("Report:  " + project.relative(written.resolve("readiness.md")) + " (.html, .json); latest in "
                + project.relative(project.reportsDir().resolve(ReportWriter.LATEST)));
        return written;
    }
}
