package dev.preflight.report.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.preflight.report.JobContribution;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.ReportSection;
import dev.preflight.report.ReportSections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes a readiness report as pretty JSON ({@code readiness.json}) and reads it back for comparisons. */
public final class JsonReportRenderer {

    // The JSON keeps the records' order so it reads top-down like the Markdown (verdict before
    // details). Jackson 3 sorts alphabetically by default and keeps record order only because
    // components are creator properties; switching sorting off makes the order not depend on that.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A previous report written by a newer Preflight must still be readable for comparison.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    /** The report as pretty JSON, ending with a newline. */
    public String render(ReadinessReport report) {
        return MAPPER.writeValueAsString(report) + "\n";
    }

    public void write(ReadinessReport report, Path file) throws IOException {
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
    }

    /** Parses a report written by {@link #render}; unknown properties (from newer versions) are ignored. */
    public static ReadinessReport read(String json) {
        // the sections are top-level keys of the JSON: each is read as its registered record, the rest as the report
        ObjectNode tree = (ObjectNode) MAPPER.readTree(json);
        Map<String, ReportSection> sections = new LinkedHashMap<>();
        for (ReportSections.Kind kind : ReportSections.ALL) {
            JsonNode node = tree.remove(kind.key());
            if (node != null && !node.isNull()) {
                sections.put(kind.key(), MAPPER.treeToValue(node, kind.type()));
            }
        }
        return MAPPER.treeToValue(tree, ReadinessReport.class).withSections(sections);
    }

    /** A job's contribution as JSON, for the job repository's database (see {@link #readContribution}). */
    public static String contribution(JobContribution contribution) {
        return MAPPER.writeValueAsString(contribution);
    }

    /** Parses {@link #contribution}'s JSON; each section is read as its registered record. */
    public static JobContribution readContribution(String json) {
        ObjectNode tree = (ObjectNode) MAPPER.readTree(json);
        JsonNode node = tree.remove("sections");
        Map<String, ReportSection> sections = new LinkedHashMap<>();
        for (ReportSections.Kind kind : ReportSections.ALL) {
            JsonNode section = node == null ? null : node.get(kind.key());
            if (section != null && !section.isNull()) {
                sections.put(kind.key(), MAPPER.treeToValue(section, kind.type()));
            }
        }
        return MAPPER.treeToValue(tree, JobContribution.class).withSections(sections);
    }

    public static ReadinessReport read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8));
    }
}
