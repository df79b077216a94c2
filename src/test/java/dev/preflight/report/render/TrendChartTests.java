package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.ReadinessReport;
import dev.preflight.report.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report's trend over earlier runs.
 *
 * <p>Mutations known to be killed (PIT): the latest/ copy, hidden folders, folders without a
 * report or with an unreadable one charted; runs charted in folder order instead of time order;
 * more than 30 runs, or the newest dropped instead of the oldest; the NULL share of a run without
 * vector rows charted as 0, or computed upside down; the NULL line started at a run without a
 * share; dots coloured by the wrong verdict; a run id not escaped.
 */
class TrendChartTests {

    private static void write(Path reports, String run, ReadinessReport report) throws Exception {
        Files.createDirectories(reports.resolve(run));
        new JsonReportRenderer().write(report, reports.resolve(run).resolve("readiness.json"));
    }

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
    void aWrittenReportsPointIsTheReportsOwnPointReadWithoutTheRest(@TempDir Path reports) throws Exception {
        // given reports written as runs write them: with vector columns, and without a database
        for (ReadinessReport r : List.of(ReportFixtures.notReady(), ReportFixtures.notConnected(),
                ReportFixtures.with(ReportFixtures.notReady(), "p", Verdict.READY, List.of()))) {
            write(reports, "run", r);
            // then the point streamed from the file is the report's own point
            assertThat(TrendChart.point("run", reports.resolve("run/readiness.json"))).isEqualTo(TrendChart.point("run", r));
        }

        // and only the top-level fields count: the same names nested elsewhere are skipped, as are unknown sections
        Path odd = reports.resolve("odd.json");
        Files.writeString(odd, "{\"steps\": [{\"verdict\": \"READY\", \"generatedAt\": \"x\", \"findings\": [1, 2, 3]}],"
                + " \"verdict\": \"NOT_READY\", \"extra\": {\"database\": {\"vectorColumns\": [{\"rows\": 9, \"nulls\": 9}]}},"
                + " \"findings\": [{\"id\": \"A\", \"nested\": [{}, {}]}, {\"id\": \"B\"}], \"generatedAt\": \"2026-01-01T00:00:00Z\","
                + " \"database\": {\"name\": \"db\", \"vectorColumns\": [{\"rows\": 300, \"nulls\": 120, \"more\": {\"rows\": 5}},"
                + " {\"rows\": 100, \"nulls\": 0}]}}");
        assertThat(TrendChart.point("odd", odd)).isEqualTo(new TrendChart.Point("odd", "2026-01-01T00:00:00Z", Verdict.NOT_READY, 2, 0.3));

        // and a file that is not a report is refused (history leaves it out)
        Files.writeString(odd, "[1, 2]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrendChart.point("odd", odd)).isInstanceOf(RuntimeException.class);
        Files.writeString(odd, "{\"findings\": []}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrendChart.point("odd", odd)).as("no verdict").isInstanceOf(RuntimeException.class);
    }

    @Test
    void noChartWithoutHistory(@TempDir Path empty) {
        assertThat(TrendChart.chart(TrendChart.history(empty), ReportFixtures.notReady())).isNull();
    }

    @Test
    void earlierRunsAreReadFromTheirFoldersAndTheRestIsLeftOut(@TempDir Path reports) throws Exception {
        // given one earlier run, the latest/ copy, a hidden folder, a folder without a report and one with a broken report
        write(reports, "run-a", ReportFixtures.at(ReportFixtures.notReady(), "run-a", "2025-10-25T00:00:00Z"));
        write(reports, "latest", ReportFixtures.notReady());
        write(reports, ".tmp-run", ReportFixtures.notReady());
        Files.createDirectories(reports.resolve("run-b"));
        Files.createDirectories(reports.resolve("run-c"));
        Files.writeString(reports.resolve("run-c/readiness.json"), "{");
        ReadinessReport current = ReportFixtures.at(ReportFixtures.notConnected(), "run-now", "2025-10-27T08:00:00Z");

        // when
        String html = TrendChart.chart(TrendChart.history(reports), current);

        // then the earlier run and this one, in time order; 120 NULL of 300 vector rows is 40%; no share without a database
        assertThat(html).startsWith("<h2>Trend over the last 2 runs</h2>")
                .contains("<title>run-a: NOT_READY, 5 findings, 40.0% NULL embeddings</title>")
                .contains("<title>run-now: NOT_READY, 1 findings</title>")
                .endsWith("<p>Runs: <a href=\"../run-a/readiness.html\">run-a</a> · <a href=\"readiness.html\">run-now</a></p>\n")
                .doesNotContain("latest", ".tmp-run", "run-b", "run-c");
        assertThat(TrendChart.chart(TrendChart.history(reports.resolve("absent")), current)).as("no reports folder yet").isNull();
    }

    @Test
    void theLastThirtyRunsInTimeOrder(@TempDir Path reports) throws Exception {
        // given 31 earlier runs whose folder names sort against their times
        for (int i = 1; i <= 31; i++) {
            write(reports, "run-" + (100 - i), ReportFixtures.at(ReportFixtures.notConnected(), "x", String.format("2025-10-%02dT00:00:00Z", i)));
        }

        String html = TrendChart.chart(TrendChart.history(reports), ReportFixtures.at(ReportFixtures.notConnected(), "run-now", "2025-11-01T00:00:00Z"));

        // then the oldest two (run-99, run-98) are left out, and the links run from the oldest kept to this run
        assertThat(html).startsWith("<h2>Trend over the last 30 runs</h2>").doesNotContain("run-99<", "run-98<");
        assertThat(html).contains("<p>Runs: <a href=\"../run-97/readiness.html\">run-97</a> · <a href=\"../run-96/");
        assertThat(html).endsWith("run-69</a> · <a href=\"readiness.html\">run-now</a></p>\n");
    }

    @Test
    void theNullLineStartsAtTheFirstRunWithAShareAndDotsTakeTheirVerdictsColour() {
        List<TrendChart.Point> points = new ArrayList<>(List.of(
                new TrendChart.Point("run-<1>", "2026-11-01T00:00:00Z", Verdict.NOT_READY, 0, null),
                new TrendChart.Point("run-2", "2026-11-02T00:00:00Z", Verdict.READY_WITH_WARNINGS, 0, 0.5),
                new TrendChart.Point("run-3", "2026-11-03T00:00:00Z", Verdict.READY, 0, 0.0)));

        String html = TrendChart.html(points, "run-3");

        assertThat(html).contains("<path d=\"M320.0,90.0 L610.0,155.0\" fill=\"none\" stroke=\"#8250df\"");
        assertThat(html).contains("fill=\"#cf222e\"><title>run-&lt;1&gt;: NOT_READY")
                .contains("fill=\"#bf8700\"><title>run-2:").contains("fill=\"#1a7f37\"><title>run-3:");
        assertThat(html).contains("href=\"../run-&lt;1&gt;/readiness.html\"");
        // no findings anywhere: the scale is 1, and the line lies on the axis
        assertThat(html).contains("findings (max 1)").contains("d=\"M30.0,155.0 L320.0,155.0 L610.0,155.0\"");
        // without any share there is no NULL line; one run stands in the middle
        String one = TrendChart.html(List.of(new TrendChart.Point("only", "t", Verdict.READY, 2, null)), "only");
        assertThat(one).doesNotContain("stroke-dasharray").contains("<circle cx=\"320.0\"").contains("findings (max 2)");
    }
}
