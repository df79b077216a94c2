package dev.preflight.check;

import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.Map;

/** Applies the project's severity overrides ({@code severity:} in {@code jobs/preflight.yaml}) to findings. */
public record SeverityPolicy(Map<String, Severity> overrides) {

    public static SeverityPolicy defaults() {
        return new SeverityPolicy(Map.of());
    }

    public SeverityPolicy {
        overrides = Map.copyOf(overrides);
    }

    public Finding apply(Finding f) {
        Severity s = overrides.get(f.id());
        return s == null ? f : f.withSeverity(s);
    }
}
