package dev.preflight.report.render;

import dev.preflight.report.ReadinessReport;
import dev.preflight.report.ReportSections;
import dev.preflight.report.ReportSections.Placement;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders a readiness report as Markdown ({@code readiness.md}) from the FreeMarker template
 * {@value #TEMPLATE}; a project may override it with its own {@code templates/} folder.
 *
 * <p>The template sees {@code report} (the {@link ReadinessReport}), {@code components} (the
 * {@link ComponentStatus} rows) and {@code text} (the {@link ReportText} helpers).
 */
public final class MarkdownRenderer {

    public static final String TEMPLATE = "readiness.md.ftl";

    private final ReportTemplates templates;

    /** @param projectTemplates the project's templates folder, or null to use the built-in template */
    public MarkdownRenderer(Path projectTemplates) {
        this(new ReportTemplates(projectTemplates));
    }

    private MarkdownRenderer(ReportTemplates templates) {
        this.templates = templates;
    }

    /** A renderer sharing another renderer's FreeMarker set-up (and its template cache). */
    static MarkdownRenderer using(ReportTemplates templates) {
        return new MarkdownRenderer(templates);
    }

    public String render(ReadinessReport report) {
        return templates.process(TEMPLATE, Map.of(
                "report", report,
                "components", ComponentStatus.of(report.checklist()),
                "sections", Map.of("lead", ReportSections.placed(Placement.LEAD), "body", ReportSections.placed(Placement.BODY),
                        "end", ReportSections.placed(Placement.END)),
                "text", new ReportText()));
    }
}
