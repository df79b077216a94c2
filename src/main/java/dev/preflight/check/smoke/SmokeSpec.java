package dev.preflight.check.smoke;

import dev.preflight.report.Severity;
import java.util.List;
import java.util.Map;

/**
 * One smoke check as declared in a YAML file under {@code jobs/checks/}: either an SQL query with
 * an expectation, or a built-in {@code kind} with its parameters. {@code file} and {@code line}
 * say where it was declared, for messages.
 */
public record SmokeSpec(String id, String title, Severity severity, String file, int line, String kind, String sql,
                        Expectation expect, Map<String, Object> params) {

    /** Where the check was declared, for messages: "jobs/checks/neonhub.yaml line 12 (SMOKE003)". */
    public String where() {
        return file + " line " + line + " (" + id + ")";
    }

    public String string(String key) {
        Object v = params.get(key);
        return v == null ? null : String.valueOf(v);
    }

    public List<String> strings(String key) {
        return params.get(key) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        return params.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
