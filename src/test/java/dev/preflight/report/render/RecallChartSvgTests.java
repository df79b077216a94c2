package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.VectorIndexTuning;
import dev.preflight.report.VectorIndexTuning.Decision;
import dev.preflight.report.VectorIndexTuning.IndexTuning;
import dev.preflight.report.VectorIndexTuning.Measurement;
import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecallChartSvgTests {

    static VectorIndexTuning sample() {
        Measurement before = new Measurement(20_000, 100, 20, 2_000_000, null, 12.5,
                List.of(new ProbeResult(1, 0.1, 0.4, 0.6), new ProbeResult(10, 0.51, 1.5, 2.0), new ProbeResult(100, 1.0, 9, 11)));
        Measurement after = new Measurement(20_000, 20, 20, 1_900_000, 1800L, 12.0,
                List.of(new ProbeResult(1, 0.8, 0.5, 0.7), new ProbeResult(2, 0.96, 0.8, 1.0), new ProbeResult(20, 1.0, 5, 6)));
        IndexTuning t = new IndexTuning("items_<e>_idx", "items", "embedding", "ivfflat", "vector_cosine_ops", Decision.REBUILT,
                "recall@k is 0.510 at probes=10", before, after, 2, 0.96, null, null);
        IndexTuning small = new IndexTuning("tiny_idx", "tiny", "embedding", "ivfflat", "vector_l2_ops", Decision.EXACT_IS_FASTER,
                "12 rows", new Measurement(12, 100, 1, 8192, null, null, List.of()), null, null, null, null, null);
        return new VectorIndexTuning(false, 0.95, 10, 50, 2, false, "recommended, not applied", List.of(t, small));
    }

    @Test
    void drawsBeforeAndAfterLadderAndTargetAsPureFunction() {
        // given
        VectorIndexTuning section = sample();

        // when
        String svg = RecallChartSvg.render(section.indexes().get(0), 0.95);

        // then: two series, one point per measured probes value, the target line, escaped names
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
        assertThat(svg).contains("class=\"before\"", "class=\"after\"", "target 0.95", "items_&lt;e&gt;_idx");
        assertThat(svg.split("<circle", -1)).hasSize(7);
        assertThat(svg).contains("before: probes=10 recall=0.510");
        // recall 1.0 at the widest probes sits at the top right of the plot area
        assertThat(svg).contains(String.format(java.util.Locale.ROOT, "%.1f,%.1f", RecallChartSvg.x(100, 100), RecallChartSvg.y(1.0)));
        assertThat(RecallChartSvg.render(section.indexes().get(0), 0.95)).isEqualTo(svg);
    }

    @Test
    void extraHtmlHasOneFigurePerMeasuredIvfflatIndex() {
        var html = RecallChartSvg.extraHtml(sample());

        assertThat(html).containsOnlyKeys(RecallChartSvg.KEY);
        assertThat(html.get(RecallChartSvg.KEY).split("<figure", -1)).hasSize(2);
        assertThat(RecallChartSvg.extraHtml(null)).isEmpty();
    }

    @Test
    void axisIsLogarithmicInProbes() {
        double x1 = RecallChartSvg.x(1, 64);
        double x8 = RecallChartSvg.x(8, 64);
        double x64 = RecallChartSvg.x(64, 64);
        assertThat(x8 - x1).isCloseTo(x64 - x8, org.assertj.core.data.Offset.offset(0.01));
        assertThat(RecallChartSvg.y(1.0)).isLessThan(RecallChartSvg.y(0.0));
    }

    @Test
    void sectionSerialisesAsItsComponentsOnly() {
        String json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(sample());

        assertThat(json).contains("\"decision\":\"REBUILT\"", "\"chosenProbes\":2", "\"ladder\":[");
        assertThat(json).doesNotContain("\"current\"");
    }

    @Test
    void coordinatesSpanThePlotAreaAndClampRecall() {
        // the plot area is x 44..464 and y 24..204 of a 480 x 240 figure
        assertThat(RecallChartSvg.x(1, 64)).isEqualTo(44.0);
        assertThat(RecallChartSvg.x(0, 64)).as("probes below 1 sit at the left edge").isEqualTo(44.0);
        assertThat(RecallChartSvg.x(8, 64)).isCloseTo(254.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(RecallChartSvg.x(64, 64)).isCloseTo(464.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(RecallChartSvg.y(1.0)).isEqualTo(24.0);
        assertThat(RecallChartSvg.y(0.75)).isEqualTo(69.0);
        assertThat(RecallChartSvg.y(0.0)).isEqualTo(204.0);
        assertThat(RecallChartSvg.y(1.5)).isEqualTo(24.0);
        assertThat(RecallChartSvg.y(-0.2)).isEqualTo(204.0);
    }

    @Test
    void axesTargetAndLegendAreWhereTheFiguresSay() {
        String svg = RecallChartSvg.render(sample().indexes().get(0), 0.95);

        // recall ticks every 0.25 on the left; probes ticks 1, 2, 4, ... up to the widest measured (100)
        assertThat(svg).contains("<text x=\"40\" y=\"27.0\" font-size=\"10\" text-anchor=\"end\">1.00</text>",
                "<text x=\"40\" y=\"162.0\" font-size=\"10\" text-anchor=\"end\">0.25</text>",
                "<text x=\"40\" y=\"207.0\" font-size=\"10\" text-anchor=\"end\">0.00</text>",
                "<text x=\"44.0\" y=\"218\" font-size=\"10\" text-anchor=\"middle\">1</text>",
                ">64</text>", "<text x=\"254\" y=\"234\" font-size=\"11\" text-anchor=\"middle\">probes</text>");
        assertThat(svg).doesNotContain(">128</text>");
        // the target line at recall 0.95, and both ladders' lists in the legend
        assertThat(svg).contains("<line x1=\"44\" y1=\"33.0\" x2=\"464\" y2=\"33.0\" stroke=\"#c00\"",
                "<text x=\"462\" y=\"30.0\" font-size=\"10\" fill=\"#c00\" text-anchor=\"end\">target 0.95</text>",
                ">before (lists=100)</text>", "<text x=\"184\" y=\"14\" font-size=\"11\" fill=\"#1f5fbf\">after (lists=20)</text>");
        // the after ladder's points: probes 1, 2 and 20 of 100 on the log axis
        assertThat(svg).contains(String.format(java.util.Locale.ROOT, "points=\"44.0,60.0 %.1f,31.2 %.1f,24.0\"",
                RecallChartSvg.x(2, 100), RecallChartSvg.x(20, 100)));
    }

    @Test
    void aLadderOfOneSettingAndAnHnswIndexAreDrawnToo() {
        Measurement one = new Measurement(20_000, null, null, 8192, null, null, List.of(new ProbeResult(1, 0.5, 0.4, 0.6)));
        IndexTuning hnsw = new IndexTuning("docs_hnsw_idx", "docs", "embedding", "hnsw", "vector_l2_ops", Decision.KEEP, "ok", one, null,
                null, null, null, null);

        String svg = RecallChartSvg.render(hnsw, 0.9);
        String html = RecallChartSvg.extraHtml(new VectorIndexTuning(false, 0.9, 10, 50, 2, false, "", List.of(hnsw)))
                .get(RecallChartSvg.KEY);

        assertThat(svg).contains("<circle cx=\"44.0\" cy=\"114.0\"", ">measured</text>", ">ef_search</text>").doesNotContain("NaN", "after (");
        assertThat(html).isEqualTo("<figure class=\"recall-chart\">" + svg
                + "<figcaption>docs_hnsw_idx: recall@10 against ef_search</figcaption></figure>\n");
    }
}
