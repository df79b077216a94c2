package dev.preflight.report.render;

import dev.preflight.config.ProjectLayout;
import dev.preflight.report.ReadinessReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a report as {@code readiness.json}, {@code .md} and {@code .html} into
 * {@code reports/<run-id>/} and refreshes {@code reports/latest/}. Files are rendered into a
 * temporary folder first and moved into place, so a crash never leaves half a report.
 */
public final class ReportWriter {

    private final ProjectLayout project;

    public ReportWriter(ProjectLayout project) {
        this.project = project;
    }

    /** The HTML-only parts: recall charts of the retune job, and the trend chart over earlier runs of this reports folder. */
    private static Map<String, String> fragments(Path reports, ReadinessReport report) {
        Map<String, String> out = new java.util.LinkedHashMap<>(RecallChartSvg.extraHtml(report.vectorIndexTuning()));
        String trend = TrendChart.fromReports(reports, report);
        if (trend != null) {
            out.put("trends", trend);
        }
        return out;
    }

    /** Writes the three files and returns the run's report folder. */
    public Path write(ReadinessReport report) throws IOException {
        return write(report, Map.of());
    }

    /** Writes the three files plus files the jobs produced (such as drift.sql) and returns the run's report folder. */
    public Path write(ReadinessReport report, Map<String, String> extraFiles) throws IOException {
        Path reports = project.reportsDir();
        Files.createDirectories(reports);
        String markdown = new MarkdownRenderer(project.templatesOrNull()).render(report);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("readiness.json", new JsonReportRenderer().render(report));
        files.put("readiness.md", markdown);
        files.put("readiness.html", new HtmlRenderer(project.templatesOrNull()).render(report, markdown, fragments(reports, report)));
        files.put("junit.xml", new JunitXmlRenderer().render(report));
        extraFiles.forEach(files::putIfAbsent);
        Path staging = Files.createTempDirectory(reports, "." + report.runId() + "-");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(staging.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        Path target = uniqueRunDir(reports, report.runId());
        move(staging, target);
        Path latestStaging = Files.createTempDirectory(reports, ".latest-");
        for (String name : files.keySet()) {
            Files.copy(target.resolve(name), latestStaging.resolve(name));
        }
        Path latest = reports.resolve("latest");
        deleteTree(latest);
        move(latestStaging, latest);
        return target;
    }

    private static Path uniqueRunDir(Path reports, String runId) {
        Path p = reports.resolve(runId);
        for (int i = 2; Files.exists(p); i++) {
            p = reports.resolve(runId + "-" + i);
        }
        return p;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
