package dev.preflight.report.render;

import dev.preflight.report.ReadinessReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;

/**
 * Renders a readiness report as one self-contained HTML page ({@code readiness.html}): the same
 * Markdown as {@link MarkdownRenderer}, converted by commonmark, inside the layout template
 * {@value #LAYOUT}.
 *
 * <p>Named HTML fragments (an inline SVG chart, for example) are passed to the layout as
 * {@code fragments}; they are trusted, unescaped HTML. The layout also sees {@code report},
 * {@code body} (the converted Markdown) and {@code text}.
 */
public final class HtmlRenderer {

    public static final String LAYOUT = "layout.html.ftl";

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private final ReportTemplates templates;
    private final MarkdownRenderer markdown;
    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    // Report text comes from databases and migration files: raw HTML in it is shown, never run.
    private final org.commonmark.renderer.html.HtmlRenderer converter = org.commonmark.renderer.html.HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    /** @param projectTemplates the project's templates folder, or null to use the built-in templates */
    public HtmlRenderer(Path projectTemplates) {
        this.templates = new ReportTemplates(projectTemplates);
        this.markdown = MarkdownRenderer.using(templates);
    }

    /** A page renderer over another renderer's FreeMarker set-up and Markdown renderer. */
    HtmlRenderer(ReportTemplates templates, MarkdownRenderer markdown) {
        this.templates = templates;
        this.markdown = markdown;
    }

    public String render(ReadinessReport report) {
        return render(report, Map.of());
    }

    /** Renders the report's Markdown, then the page, with the given named HTML fragments (may be empty). */
    public String render(ReadinessReport report, Map<String, String> fragments) {
        return render(report, markdown.render(report), fragments);
    }

    /** Renders the page around Markdown already rendered for this report, so both files share one content source. */
    public String render(ReadinessReport report, String markdownText, Map<String, String> fragments) {
        return templates.process(LAYOUT, Map.of(
                "report", report,
                "body", toHtml(markdownText),
                "fragments", new LinkedHashMap<>(fragments),
                "text", new ReportText()));
    }

    String toHtml(String markdownText) {
        return converter.render(parser.parse(markdownText));
    }
}
