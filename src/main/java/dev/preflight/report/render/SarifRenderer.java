package dev.preflight.report.render;

import dev.preflight.report.LintSection;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lint section as SARIF 2.1.0 ({@code lint.sarif}), the format GitHub code scanning reads to
 * show findings on a pull request's diff: one rule per lint id, one result per hazard with its file
 * and line, suppressed hazards carried with their in-source justification.
 */
public final class SarifRenderer {

    public static final String FILE = "lint.sarif";
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    // made once: a mapper's set-up (its factories, introspectors and caches) took 30 ms of each lint step
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SarifRenderer() {
    }

    public static String render(LintSection section) {
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        List<Map<String, Object>> results = new ArrayList<>();
        List<LintSection.Hazard> all = new ArrayList<>(section.hazards());
        all.addAll(section.suppressed());
        for (LintSection.Hazard h : all) {
            rules.computeIfAbsent(h.rule(), id -> rule(h));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", h.rule());
            result.put("level", level(h.severity()));
            result.put("message", Map.of("text", h.message() + (h.measured() == null ? "" : " [measured: " + h.measured() + "]")
                    + " Fix: " + h.remedy()));
            result.put("locations", List.of(Map.of("physicalLocation", Map.of(
                    "artifactLocation", Map.of("uri", h.file().replace('\\', '/'), "uriBaseId", "%SRCROOT%"),
                    "region", Map.of("startLine", Math.max(1, h.line()))))));
            if (h.suppressedBecause() != null) {
                result.put("suppressions", List.of(Map.of("kind", "inSource", "justification", h.suppressedBecause())));
            }
            results.add(result);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "Preflight");
        driver.put("rules", List.copyOf(rules.values()));
        Map<String, Object> runEntry = new LinkedHashMap<>();
        runEntry.put("tool", Map.of("driver", driver));
        runEntry.put("originalUriBaseIds", Map.of("%SRCROOT%", Map.of("uri", "file:///")));
        runEntry.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        log.put("runs", List.of(runEntry));
        return JSON.writeValueAsString(log) + "\n";
    }

    private static Map<String, Object> rule(LintSection.Hazard h) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", h.rule());
        rule.put("name", h.title().replaceAll("[^A-Za-z0-9]+", " ").trim().replace(' ', '-'));
        rule.put("shortDescription", Map.of("text", h.title()));
        rule.put("defaultConfiguration", Map.of("level", level(h.severity())));
        return rule;
    }

    /** SARIF levels: blocker and high fail a pull request check as errors; medium and low warn; info is a note. */
    static String level(Severity s) {
        return switch (s) {
            case BLOCKER, HIGH -> "error";
            case MEDIUM, LOW -> "warning";
            case INFO -> "note";
        };
    }
}
