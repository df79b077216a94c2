package dev.preflight.report.render;

import dev.preflight.report.ReadinessReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The report's four renderers over one FreeMarker set-up (one template cache for the Markdown and the page).
 *
 * <p>{@link #prepare} makes them on a thread of its own while a run's jobs wait on the database: it renders a sample
 * report once, so that the templates are parsed and the renderers' classes loaded before the real report is written.
 */
public final class ReportRenderers {

    final MarkdownRenderer markdown;
    final HtmlRenderer html;
    final JsonReportRenderer json = new JsonReportRenderer();
    final JunitXmlRenderer junit = new JunitXmlRenderer();

    /** @param projectTemplates the project's templates folder, or null to use the built-in templates */
    public ReportRenderers(Path projectTemplates) {
        ReportTemplates templates = new ReportTemplates(projectTemplates);
        this.markdown = MarkdownRenderer.using(templates);
        this.html = new HtmlRenderer(templates, markdown);
    }

    /** Renderers being made ahead; {@link #get} waits for them. */
    public static final class Prepared {

        private final Path projectTemplates;
        private final Path reportsDir;
        private final CompletableFuture<ReportRenderers> made = new CompletableFuture<>();
        private final CompletableFuture<List<TrendChart.Point>> history = new CompletableFuture<>();

        private Prepared(Path projectTemplates, Path reportsDir) {
            this.projectTemplates = projectTemplates;
            this.reportsDir = reportsDir;
        }

        /** The earlier runs' points for the trend chart, read ahead; read now when that failed. */
        List<TrendChart.Point> history() {
            try {
                return history.join();
            } catch (RuntimeException e) {
                return TrendChart.history(reportsDir);
            }
        }

        /**
         * The prepared renderers; when the preparation failed (a project template that fails on the sample, say), new
         * ones, so that the real report meets the failure itself and reports it as it always does.
         */
        public ReportRenderers get() {
            try {
                return made.join();
            } catch (RuntimeException e) {
                return new ReportRenderers(projectTemplates);
            }
        }
    }

    /**
     * Starts making renderers on a daemon thread, rendering {@code sample} once in every format (and writing nothing), and
     * reading the earlier runs' points in {@code reportsDir} for the trend chart.
     */
    public static Prepared prepare(Path projectTemplates, Path reportsDir, Supplier<ReadinessReport> sample) {
        Prepared p = new Prepared(projectTemplates, reportsDir);
        Thread thread = new Thread(() -> {
            try {
                p.history.complete(TrendChart.history(reportsDir));
            } catch (Throwable e) {
                p.history.completeExceptionally(e);
            }
            try {
                ReportRenderers r = new ReportRenderers(projectTemplates);
                ReadinessReport report = sample.get();
                String markdown = r.markdown.render(report);
                r.html.render(report, markdown, java.util.Map.of());
                r.json.render(report);
                r.junit.render(report);
                p.made.complete(r);
            } catch (Throwable e) {
                p.made.completeExceptionally(e);
            }
        }, "preflight:report-renderers");
        thread.setDaemon(true);
        thread.start();
        return p;
    }
}
