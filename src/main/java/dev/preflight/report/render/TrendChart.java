package dev.preflight.report.render;

import dev.preflight.report.DatabaseInfo;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The HTML report's trend: an inline SVG over the earlier runs in the same reports folder
 * (verdict, number of findings, share of NULL embeddings) and links to each run's report.
 */
public final class TrendChart {

    /** One run's point on the chart. */
    public record Point(String runId, String generatedAt, Verdict verdict, int findings, Double nullShare) {
    }

    private static final int MAX_RUNS = 30;
    /** Earlier reports read at most: twice what the chart shows, so copied folders with odd file times still sort right. */
    private static final int CANDIDATES = 2 * MAX_RUNS;
    // a parser's factory, not a mapper: the points are streamed, and a mapper's set-up took 30 ms of the renderers' thread
    private static final JsonFactory JSON = new JsonFactory();
    private static final int W = 640;
    private static final int H = 180;
    private static final int PAD = 30;

    private TrendChart() {
    }

    /**
     * The points of the earlier runs in {@code reportsDir} (the newest {@value #CANDIDATES} of them, unreadable ones left
     * out), or null when the folder cannot be listed. Only the newest folders (by their report file's time) are read, and
     * only the few fields the chart shows: a reports folder grows by a run each time, and reading all of it made every
     * command slower. Read apart from the current run's point, so that the report's
     * renderers can read them while the jobs run ({@link ReportRenderers#prepare}).
     */
    static List<Point> history(Path reportsDir) {
        List<Point> points = new ArrayList<>();
        if (Files.isDirectory(reportsDir)) {
            try (Stream<Path> dirs = Files.list(reportsDir)) {
                List<Path> reports = dirs.filter(d -> {
                    String name = d.getFileName().toString();
                    return !name.equals("latest") && !name.startsWith(".") && Files.isRegularFile(d.resolve("readiness.json"));
                }).map(d -> d.resolve("readiness.json")).toList();
                for (Path json : newest(reports, CANDIDATES)) {
                    try {
                        points.add(point(json.getParent().getFileName().toString(), json));
                    } catch (RuntimeException ignored) {
                        // an unreadable old report is left out of the trend, not fatal
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                return null;
            }
        }
        return points;
    }

    /**
     * The fragment for the current report and up to 29 earlier ones of {@code history} (null: none, as when the folder
     * cannot be listed), or null when there is no earlier run.
     */
    static String chart(List<Point> history, ReadinessReport current) {
        if (history == null) {
            return null;
        }
        List<Point> points = new ArrayList<>(history);
        points.add(point(current.runId(), current));
        points.sort(Comparator.comparing(Point::generatedAt));
        if (points.size() > MAX_RUNS) {
            points = points.subList(points.size() - MAX_RUNS, points.size());
        }
        return points.size() < 2 ? null : html(points, current.runId());
    }

    /** The {@code limit} most recently written files; the chart then orders by the reports' own times. */
    private static List<Path> newest(List<Path> files, int limit) {
        if (files.size() <= limit) {
            return files;
        }
        Map<Path, Long> times = new HashMap<>();
        for (Path f : files) {
            try {
                times.put(f, Files.getLastModifiedTime(f).toMillis());
            } catch (IOException e) {
                times.put(f, 0L);
            }
        }
        return files.stream().sorted(Comparator.comparing((Path f) -> times.get(f)).reversed()).limit(limit).toList();
    }

    /** One earlier run's point from its readiness.json, read as a tree: the same fields {@link #point(String, ReadinessReport)} takes. */
    /**
     * The point of an earlier run's {@code readiness.json}, read as a stream of tokens: only its time, verdict, number of
     * findings and vector columns' rows and NULLs, everything else skipped unread. Reading each of up to
     * {@value #CANDIDATES} reports as a whole tree cost every run's renderers 50-70 ms.
     */
    static Point point(String runId, Path json) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(json + " is not a report");
            }
            String generatedAt = "";
            String verdict = null;
            int findings = 0;
            long[] rowsAndNulls = null;
            int wanted = 4; // a report names each field once: the rest of the file (checklist, tuning, next steps) is left unread
            while (wanted > 0 && p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "generatedAt" -> generatedAt = value.isScalarValue() ? p.getValueAsString("") : skip(p, "");
                    case "verdict" -> verdict = value.isScalarValue() ? p.getValueAsString() : skip(p, null);
                    case "findings" -> findings = count(p, value);
                    case "database" -> rowsAndNulls = value == JsonToken.START_OBJECT ? vectorColumns(p) : skip(p, null);
                    default -> {
                        p.skipChildren();
                        continue;
                    }
                }
                wanted--;
            }
            Double share = rowsAndNulls == null || rowsAndNulls[0] == 0 ? null : (double) rowsAndNulls[1] / rowsAndNulls[0];
            return new Point(runId, generatedAt, Verdict.valueOf(verdict), findings, share);
        }
    }

    /** The elements of an array (or members of an object) the parser is at the start of; 0 for a scalar. */
    private static int count(JsonParser p, JsonToken start) {
        if (start != JsonToken.START_ARRAY && start != JsonToken.START_OBJECT) {
            return 0;
        }
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t == JsonToken.PROPERTY_NAME) {
                t = p.nextToken();
            }
            p.skipChildren();
            n++;
        }
        return n;
    }

    /** Inside {@code database}: the sums of {@code vectorColumns[*].rows} and {@code .nulls}, or null without columns. */
    private static long[] vectorColumns(JsonParser p) {
        long[] sums = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            boolean columns = p.currentName().equals("vectorColumns");
            JsonToken value = p.nextToken();
            if (!columns || value != JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            sums = new long[2];
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("rows") || field.equals("nulls")) {
                        sums[field.equals("rows") ? 0 : 1] += p.getValueAsLong();
                    }
                    p.skipChildren();
                }
            }
        }
        return sums;
    }

    private static <T> T skip(JsonParser p, T value) {
        p.skipChildren();
        return value;
    }

    static Point point(String runId, ReadinessReport r) {
        Double share = null;
        if (r.database() != null && r.database().vectorColumns() != null) {
            long rows = r.database().vectorColumns().stream().mapToLong(DatabaseInfo.VectorColumn::rows).sum();
            long nulls = r.database().vectorColumns().stream().mapToLong(DatabaseInfo.VectorColumn::nulls).sum();
            share = rows == 0 ? null : (double) nulls / rows;
        }
        return new Point(runId, r.generatedAt() == null ? "" : r.generatedAt(), r.verdict(), r.findings() == null ? 0 : r.findings().size(), share);
    }

    /** Pure rendering of the points: the SVG and the list of links. */
    static String html(List<Point> points, String currentRunId) {
        int maxFindings = Math.max(1, points.stream().mapToInt(Point::findings).max().orElse(1));
        StringBuilder svg = new StringBuilder();
        svg.append("<h2>Trend over the last ").append(points.size()).append(" runs</h2>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" aria-label=\"verdict, findings and NULL embedding share per run\">\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H).append("\" fill=\"#fafafa\" stroke=\"#ddd\"/>\n");
        StringBuilder findings = new StringBuilder();
        StringBuilder nulls = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double x = x(i, points.size());
            double yf = y((double) p.findings() / maxFindings);
            findings.append(i == 0 ? "M" : " L").append(fmt(x)).append(',').append(fmt(yf));
            if (p.nullShare() != null) {
                nulls.append(nulls.length() == 0 ? "M" : " L").append(fmt(x)).append(',').append(fmt(y(p.nullShare())));
            }
            svg.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(H - 10).append("\" r=\"5\" fill=\"").append(colour(p.verdict()))
                    .append("\"><title>").append(escape(p.runId())).append(": ").append(p.verdict()).append(", ").append(p.findings())
                    .append(" findings").append(p.nullShare() == null ? "" : String.format(Locale.ROOT, ", %.1f%% NULL embeddings", 100 * p.nullShare()))
                    .append("</title></circle>\n");
        }
        svg.append("<path d=\"").append(findings).append("\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\"/>\n");
        if (nulls.length() > 0) {
            svg.append("<path d=\"").append(nulls).append("\" fill=\"none\" stroke=\"#8250df\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>\n");
        }
        svg.append("<text x=\"").append(PAD).append("\" y=\"14\" font-size=\"11\" fill=\"#1f6feb\">findings (max ").append(maxFindings)
                .append(")</text><text x=\"").append(PAD + 130).append("\" y=\"14\" font-size=\"11\" fill=\"#8250df\">NULL embedding share (0-100%)</text>")
                .append("<text x=\"").append(PAD + 340).append("\" y=\"14\" font-size=\"11\" fill=\"#444\">dots: verdict</text>\n");
        svg.append("</svg>\n<p>Runs: ");
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            String link = p.runId().equals(currentRunId) ? "readiness.html" : "../" + escape(p.runId()) + "/readiness.html";
            svg.append(i == 0 ? "" : " · ").append("<a href=\"").append(link).append("\">").append(escape(p.runId())).append("</a>");
        }
        return svg.append("</p>\n").toString();
    }

    private static double x(int i, int n) {
        return n == 1 ? W / 2.0 : PAD + (W - 2.0 * PAD) * i / (n - 1);
    }

    private static double y(double fraction) {
        return (H - 25) - (H - 50) * fraction;
    }

    private static String colour(Verdict v) {
        return v == Verdict.READY ? "#1a7f37" : v == Verdict.READY_WITH_WARNINGS ? "#bf8700" : "#cf222e";
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
