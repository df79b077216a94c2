package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.ReadinessReport;
import dev.preflight.report.VectorIndexTuning;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorIndexTuningTemplateTests {

    static ReadinessReport report(VectorIndexTuning section) {
        return new ReadinessReport(1, "r", "retune", "now", "dev", "p", dev.preflight.report.Verdict.READY, "", 1, List.of(), List.of(),
                List.of(), null, null, List.of(), List.of(), List.of(), ReadinessReport.sections(null, null, section, null));
    }

    static String render(VectorIndexTuning section) throws Exception {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setDirectoryForTemplateLoading(Path.of("templates").toFile());
        cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        cfg.setLocale(java.util.Locale.ROOT);
        ReadinessReport report = new ReadinessReport(1, "r", "retune", "now", "dev", "p", null, "", 1, List.of(), List.of(), List.of(),
                null, null, List.of(), List.of(), List.of(), ReadinessReport.sections(null, null, section, null));
        StringWriter out = new StringWriter();
        cfg.getTemplate("sections/vector-index-tuning.md.ftl").process(Map.of("report", report, "text", new dev.preflight.report.render.ReportText()), out);
        return out.toString();
    }

    @Test
    void rendersSummaryBeforeAfterAndLadders() throws Exception {
        String md = render(RecallChartSvgTests.sample());

        assertThat(md).contains("## Vector indexes", "target recall 0.95");
        assertThat(md).contains("| `items_<e>_idx` | items | ivfflat | REBUILT | 20000 | lists 100 → 20 (recommended 20) | probes 2 | 0.960 | - |");
        assertThat(md).contains("| after | 20000 | 20 | 0.960 | 0.80 | 1.00 | 12.00 | 1.8 s | 1.8 MB |");
        assertThat(md).contains("| before | 20000 | 100 | - |"); // probes=2 was not measured before
        assertThat(md).contains("| 10 | 0.510 | - | - | 1.50 | 2.00 |");
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

    /** An HNSW index measured on held-out queries, ef_search 40 chosen, with its interval. */
    static VectorIndexTuning hnswSection() {
        var ladder = List.of(new VectorIndexTuning.ProbeResult(null, 20, 0.91, 0.4, 0.6, 0.89, 0.93, 200),
                new VectorIndexTuning.ProbeResult(null, 40, 0.975, 0.6, 0.9, 0.962, 0.985, 200));
        var m = new VectorIndexTuning.Measurement(6_000, null, null, 5_000_000, null, 15.0, ladder);
        var t = new VectorIndexTuning.IndexTuning("docs_hnsw_idx", "docs", "embedding", "hnsw", "vector_cosine_ops",
                VectorIndexTuning.Decision.KEEP, "hnsw.ef_search=40 reaches ...", m, null, null, 0.975, null, null, 40, 0.962, 0.985, 200);
        return new VectorIndexTuning(false, 0.95, 10, 50, null, false, "no IVFFlat index was measured, so no probes are recommended",
                List.of(t), 40, "recommended, not applied: ALTER DATABASE \"app\" SET hnsw.ef_search = 40");
    }

    @Test
    void hnswIndexesSpeakEfSearchInJsonMarkdownAndChart() throws Exception {
        // given
        ReadinessReport report = report(hnswSection());

        // when
        String md = render(report.vectorIndexTuning());
        String json = new JsonReportRenderer().render(report);
        String svg = RecallChartSvg.extraHtml(report.vectorIndexTuning()).get(RecallChartSvg.KEY);

        // then: the index's JSON has ef_search words and the interval, and no IVFFlat words
        String index = json.substring(json.indexOf("\"docs_hnsw_idx\""), json.indexOf("\"databaseEfSearch\""));
        assertThat(index).contains("\"efSearch\" : 40", "\"chosenEfSearch\" : 40", "\"recallLow\" : 0.962", "\"queries\" : 200")
                .doesNotContain("probes", "lists", "Lists");
        assertThat(json).contains("\"databaseEfSearch\" : 40");
        assertThat(md).contains("| `docs_hnsw_idx` | docs | hnsw | KEEP | 6000 | see below | ef_search 40 | 0.975 (0.962-0.985) | 200 |",
                "| ef_search | recall@10 | 95% interval | queries | p50 ms | p95 ms |", "| 40 | 0.975 | 0.962-0.985 | 200 | 0.60 | 0.90 |",
                "**ef_search:** recommended, not applied");
        assertThat(md.substring(md.indexOf("### `docs_hnsw_idx`"))).doesNotContain("probes", "lists");
        assertThat(svg).contains(">ef_search</text>", "against ef_search").doesNotContain("probes", "lists");
    }
}
