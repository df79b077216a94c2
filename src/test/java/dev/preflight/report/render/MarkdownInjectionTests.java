package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.Finding;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.SeedSection;
import dev.preflight.report.Severity;
import dev.preflight.report.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values from the database cannot break the report's tables or inject HTML and Markdown (issue 13, case 6). */
class MarkdownInjectionTests {

    private static final String HOSTILE = "Evil | Corp <img src=x onerror=alert(1)> [win](http://evil.example)\n# injected";

    private static ReadinessReport report() {
        ReadinessReport base = ReportFixtures.with(ReportFixtures.notReady(), "neonhub", Verdict.NOT_READY,
                List.of(Finding.of("SEED002", Severity.HIGH, HOSTILE, HOSTILE, "remove the `row` | now")));
        SeedSection seed = new SeedSection("APPLIED", false, List.of("jobs/seed/10.yaml"), 1, 5, 1, 0, 0, List.of(),
                List.of(new SeedSection.OrganizationCounts("org`x|y", HOSTILE, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)), null, List.of(), null);
        return new ReadinessReport(base.schemaVersion(), base.runId(), base.command(), base.generatedAt(), base.preflightVersion(),
                base.project(), base.verdict(), base.verdictRule(), base.confidence(), base.jobs(), base.steps(), base.warnings(),
                base.database(), base.migrationStatus(), base.migrations(), base.findings(), base.checklist(), ReadinessReport.sections(seed, null, null, null));
    }

    @Test
    void theOrganizationTableKeepsItsColumnsAndShowsTheValueLiterally() {
        String md = new MarkdownRenderer(null).render(report());
        String row = md.lines().filter(l -> l.contains("onerror")).filter(l -> l.startsWith("| ")).findFirst().orElseThrow();
        // an unescaped pipe would add a column: the name and 10 counts = 11 cells, 12 separators
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(12);
        assertThat(md).doesNotContainPattern("(?<!\\\\)<img").doesNotContain("[win](").doesNotContain("\n# injected");
    }

    @Test
    void theHtmlReportHasNoInjectedElementOrLink() {
        ReadinessReport report = report();
        String html = new HtmlRenderer(null).render(report);
        assertThat(html).doesNotContain("<img").doesNotContain("href=\"http://evil.example").doesNotContain("<h1>injected");
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;");
    }
}
