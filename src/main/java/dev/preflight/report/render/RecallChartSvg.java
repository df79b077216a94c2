package dev.preflight.report.render;

import dev.preflight.report.VectorIndexTuning;
import dev.preflight.report.VectorIndexTuning.IndexTuning;
import dev.preflight.report.VectorIndexTuning.ProbeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inline SVG charts of recall@k against probes (IVFFlat) or ef_search (HNSW) on a log2 scale, before
 * and after a rebuild, with the target as a dashed line. Pure functions of the report model: same section, same bytes.
 */
public final class RecallChartSvg {

    /** The key under which {@link #extraHtml} puts the charts for the HTML layout. */
    public static final String KEY = "vectorIndexCharts";
    static final int WIDTH = 480;
    static final int HEIGHT = 240;
    private static final int LEFT = 44;
    private static final int RIGHT = 16;
    private static final int TOP = 24;
    private static final int BOTTOM = 36;

    private RecallChartSvg() {
    }

    /** One figure per index with a measured ladder, under {@link #KEY}; empty when there is nothing to draw. */
    public static Map<String, String> extraHtml(VectorIndexTuning section) {
        Map<String, String> out = new LinkedHashMap<>();
        if (section == null) {
            return out;
        }
        StringBuilder html = new StringBuilder();
        for (IndexTuning t : section.indexes()) {
            if (!t.before().ladder().isEmpty()) {
                html.append("<figure class=\"recall-chart\">").append(render(t, section.targetRecall()))
                        .append("<figcaption>").append(escape(t.name())).append(": recall@").append(section.k())
                        .append(" against ").append(setting(t)).append("</figcaption></figure>\n");
            }
        }
        if (!html.isEmpty()) {
            out.put(KEY, html.toString());
        }
        return out;
    }

    /** The search setting's name in pgvector's words: ef_search for HNSW, probes for IVFFlat. */
    static String setting(IndexTuning t) {
        return "hnsw".equals(t.method()) ? "ef_search" : "probes";
    }

    /** The chart of one index: the before ladder in grey, the after ladder (if rebuilt) in blue. */
    public static String render(IndexTuning t, double target) {
        String setting = setting(t);
        List<ProbeResult> before = t.before().ladder();
        List<ProbeResult> after = t.after() == null ? List.of() : t.after().ladder();
        int maxProbes = Math.max(2, Math.max(maxProbes(before), maxProbes(after)));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "role=\"img\" aria-label=\"%s recall against %s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, escape(t.name()), setting));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        for (double r = 0; r <= 1.0001; r += 0.25) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.2f</text>", LEFT - 4, y(r) + 3, r));
        }
        for (int p = 1; p <= maxProbes; p *= 2) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%d</text>",
                    x(p, maxProbes), HEIGHT - BOTTOM + 14, p));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                LEFT + (WIDTH - LEFT - RIGHT) / 2, HEIGHT - 6, setting));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c00\" stroke-dasharray=\"4 3\"/>"
                + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" fill=\"#c00\" text-anchor=\"end\">target %.2f</text>",
                LEFT, y(target), WIDTH - RIGHT, y(target), WIDTH - RIGHT - 2, y(target) - 3, target));
        series(svg, before, maxProbes, "#888", "before", setting);
        series(svg, after, maxProbes, "#1f5fbf", "after", setting);
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"11\" fill=\"#888\">%s</text>",
                LEFT, t.before().lists() == null ? "measured" : "before (lists=" + t.before().lists() + ")"));
        if (!after.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"11\" fill=\"#1f5fbf\">after (lists=%s)</text>",
                    LEFT + 140, t.after().lists()));
        }
        return svg.append("</svg>").toString();
    }

    private static void series(StringBuilder svg, List<ProbeResult> ladder, int maxProbes, String colour, String label, String setting) {
        if (ladder.isEmpty()) {
            return;
        }
        StringBuilder points = new StringBuilder();
        for (ProbeResult p : ladder) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.value(), maxProbes), y(p.recall())));
        }
        svg.append(String.format(Locale.ROOT, "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>",
                label, colour, points.toString().trim()));
        for (ProbeResult p : ladder) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s: %s=%d recall=%.3f "
                    + "(%.3f-%.3f) p50=%.2f ms</title></circle>", x(p.value(), maxProbes), y(p.recall()), colour, label, setting, p.value(),
                    p.recall(), p.lower(), p.upper(), p.p50Millis()));
        }
    }

    private static int maxProbes(List<ProbeResult> ladder) {
        return ladder.stream().mapToInt(ProbeResult::value).max().orElse(1);
    }

    /** Probes on a log2 axis: 1 at the left edge, the largest measured at the right. */
    static double x(int probes, int maxProbes) {
        double share = Math.log(Math.max(1, probes)) / Math.log(maxProbes);
        return LEFT + share * (WIDTH - LEFT - RIGHT);
    }

    static double y(double recall) {
        return TOP + (1 - Math.max(0, Math.min(1, recall))) * (HEIGHT - TOP - BOTTOM);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
