package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.ReadinessReport;
import dev.preflight.report.VectorIndexSection;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorIndexesTemplateTests {

    static ReadinessReport report(VectorIndexSection section) {
        return new ReadinessReport(1, "r", "retune", "now", "dev", "p", dev.preflight.report.Verdict.READY, "", 1, List.of(), List.of(),
                List.of(), null, null, List.of(), List.of(), List.of(), null, null, section, null);
    }

    static String render(VectorIndexSection section) throws Exception {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setDirectoryForTemplateLoading(Path.of("templates").toFile());
        cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        cfg.setLocale(java.util.Locale.ROOT);
        ReadinessReport report = new ReadinessReport(1, "r", "retune", "now", "dev", "p", null, "", 1, List.of(), List.of(), List.of(),
                null, null, List.of(), List.of(), List.of(), null, null, section, null);
        StringWriter out = new StringWriter();
        cfg.getTemplate("sections/vector-indexes.md.ftl").process(Map.of("report", report, "text", new dev.preflight.report.render.ReportText()), out);
        return out.toString();
    }

    @Test
    void rendersSummaryBeforeAfterAndLadders() throws Exception {
        String md = render(RecallChartSvgTests.sample());

        assertThat(md).contains("## Vector indexes", "target recall 0.95");
        assertThat(md).contains("| `items_<e>_idx` | items | ivfflat | REBUILT | 20000 | 100 → 20 | 20 | 2 | 0.960 |");
        assertThat(md).contains("| after | 20000 | 20 | 0.960 | 0.80 | 1.00 | 12.00 | 1.8 s | 1.8 MB |");
        assertThat(md).contains("| before | 20000 | 100 | - |"); // probes=2 was not measured before
        assertThat(md).contains("| 10 | 0.510 | 1.50 | 2.00 |");
        assertThat(md).contains("EXACT_IS_FASTER: 12 rows");
        assertThat(md).doesNotContain("Dry run");
    }

    @Test
    void rendersNothingWithoutTheSection() throws Exception {
        assertThat(render(null)).isBlank();
    }

    @Test
    void theReadinessReportIncludesTheSectionAndTheHtmlTheChart() {
        // given
        ReadinessReport report = report(RecallChartSvgTests.sample());

        // when
        String md = new MarkdownRenderer(null).render(report);
        String html = new HtmlRenderer(null).render(report, md, RecallChartSvg.extraHtml(report.vectorIndexTuning()));

        // then
        assertThat(md).contains("## Vector indexes", "| `items_<e>_idx` | items | ivfflat | REBUILT |");
        assertThat(html).contains("id=\"fragment-" + RecallChartSvg.KEY + "\"", "<svg xmlns=\"http://www.w3.org/2000/svg\"", "class=\"after\"");
    }
}
