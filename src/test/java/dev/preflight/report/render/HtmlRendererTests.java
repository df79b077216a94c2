package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.Finding;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.Severity;
import dev.preflight.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlRendererTests {

    private final HtmlRenderer renderer = new HtmlRenderer(null);

    @Test
    void isSelfContained() {
        String html = renderer.render(ReportFixtures.notReady());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "</html>");
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
        assertThat(html).doesNotContain("<link", "<script");
    }

    @Test
    void showsTheVerdictBadgeAndTables() {
        String html = renderer.render(ReportFixtures.notReady());

        assertThat(html).contains("<span class=\"badge verdict-not-ready\">NOT_READY</span>");
        assertThat(html).contains("<table>", "<th>Component</th>", "<strong>Verdict: NOT_READY</strong>");
    }

    @Test
    void rendersTheSameMarkdownAsTheMarkdownRenderer() {
        ReadinessReport report = ReportFixtures.notReady();
        String markdown = new MarkdownRenderer(null).render(report);

        assertThat(renderer.render(report)).isEqualTo(renderer.render(report, markdown, Map.of()));
    }

    @Test
    void keepsAnEscapedPipeInsideOneCell() {
        String html = renderer.render(ReportFixtures.notReady());

        assertThat(html).contains("<td>MIG003: 2 migrations are pending | not applied after the run</td>");
    }

    @Test
    void escapesHtmlFromReportText() {
        // given: free text from a database is never trusted as markup
        ReadinessReport base = ReportFixtures.notReady();
        List<Finding> findings = new ArrayList<>(base.findings());
        findings.add(Finding.of("SRV009", Severity.LOW, "comment", "<script>alert(1)</script> & <b>bold</b>", null));
        ReadinessReport report = ReportFixtures.with(base, "<img src=x>", base.verdict(), findings);

        // when
        String html = renderer.render(report);

        // then
        assertThat(html).doesNotContain("<script>", "<img src=x>", "<b>bold</b>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
    }

    @Test
    void insertsNamedFragmentsUnescapedInOrder() {
        Map<String, String> fragments = new LinkedHashMap<>();
        fragments.put("null-share", "<svg viewBox=\"0 0 10 10\"><rect width=\"4\" height=\"10\"/></svg>");
        fragments.put("recall", "<svg viewBox=\"0 0 10 10\"><circle r=\"3\"/></svg>");

        String html = renderer.render(ReportFixtures.notReady(), fragments);

        assertThat(html).containsSubsequence(
                "<section class=\"fragment\" id=\"fragment-null-share\">", "<rect width=\"4\" height=\"10\"/>",
                "<section class=\"fragment\" id=\"fragment-recall\">", "<circle r=\"3\"/>");
    }

    @Test
    void colorsTheBadgeByVerdict() {
        ReadinessReport base = ReportFixtures.notConnected();
        ReadinessReport ready = ReportFixtures.with(base, base.project(), Verdict.READY_WITH_WARNINGS, List.of());

        assertThat(renderer.render(ready)).contains("class=\"badge verdict-ready-with-warnings\"");
    }

    @Test
    void rendersAReportWithoutDatabase() {
        String html = renderer.render(ReportFixtures.notConnected());

        assertThat(html).contains("not measured (no database connection)", "verdict-not-ready");
    }

    @Test
    void aProjectLayoutOverridesTheBuiltInOne(@TempDir Path templates) throws IOException {
        // given: only the layout is overridden; the Markdown still comes from the built-in template
        Files.writeString(templates.resolve(HtmlRenderer.LAYOUT), "<p>${report.verdict}</p>${body?no_esc}");

        // when
        String html = new HtmlRenderer(templates).render(ReportFixtures.notReady());

        // then
        assertThat(html).startsWith("<p>NOT_READY</p><h1>Preflight readiness report: neonhub");
    }
}
