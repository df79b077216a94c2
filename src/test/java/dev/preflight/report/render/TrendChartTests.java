package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendChartTests {

    @Test
    void chartsEachRunAndLinksEarlierReports() {
        List<TrendChart.Point> points = List.of(
                new TrendChart.Point("run-1", "2026-11-01T00:00:00Z", Verdict.NOT_READY, 4, 1.0),
                new TrendChart.Point("run-2", "2026-11-02T00:00:00Z", Verdict.READY_WITH_WARNINGS, 2, 0.5),
                new TrendChart.Point("run-3", "2026-11-03T00:00:00Z", Verdict.READY, 0, 0.0));

        String html = TrendChart.html(points, "run-3");

        assertThat(html).contains("<svg").contains("</svg>");
        assertThat(html).contains("#cf222e").contains("#bf8700").contains("#1a7f37"); // one dot colour per verdict
        assertThat(html).contains("<title>run-2: READY_WITH_WARNINGS, 2 findings, 50.0% NULL embeddings</title>");
        assertThat(html).contains("href=\"../run-1/readiness.html\"").contains("href=\"readiness.html\">run-3");
        // findings 4, 2, 0 scaled to the plot height (the most findings at the top)
        assertThat(html).contains("d=\"M30.0,25.0 L320.0,90.0 L610.0,155.0\"");
    }

    @Test
    void noChartWithoutHistory(@TempDir Path empty) {
        assertThat(TrendChart.fromReports(empty, ReportFixtures.notReady())).isNull();
    }
}
