package dev.preflight.report.render;

import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One row of the status summary: the checklist outcomes of one component (grouped by the
 * check-id prefix), its status OK, WARN or FAIL, and the first finding that explains it.
 */
public record ComponentStatus(String prefix, String component, String status, String blocker) {

    /** Components in report order; a prefix not listed here is shown under its own name, last. */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("SRV", "Server");
        COMPONENTS.put("MIG", "Migrations");
        COMPONENTS.put("IDX", "Vector indexes");
        COMPONENTS.put("SEED", "Seed");
        COMPONENTS.put("EMB", "Embeddings");
        COMPONENTS.put("DRIFT", "Schema drift");
        COMPONENTS.put("SMOKE", "Smoke checks");
        COMPONENTS.put("GIT", "Git");
        COMPONENTS.put("CI", "CI");
    }

    /** Groups a checklist by component; only components with at least one outcome appear. */
    public static List<ComponentStatus> of(List<CheckOutcome> checklist) {
        Map<String, List<CheckOutcome>> byPrefix = new LinkedHashMap<>();
        COMPONENTS.keySet().forEach(p -> byPrefix.put(p, new ArrayList<>()));
        for (CheckOutcome o : checklist == null ? List.<CheckOutcome>of() : checklist) {
            byPrefix.computeIfAbsent(prefix(o.id()), p -> new ArrayList<>()).add(o);
        }
        List<ComponentStatus> rows = new ArrayList<>();
        byPrefix.forEach((prefix, outcomes) -> {
            if (!outcomes.isEmpty()) {
                rows.add(summarise(prefix, COMPONENTS.getOrDefault(prefix, prefix), outcomes));
            }
        });
        return rows;
    }

    /** The letters an id starts with: "MIG003" belongs to "MIG". */
    static String prefix(String id) {
        int end = 0;
        while (end < id.length() && Character.isLetter(id.charAt(end))) {
            end++;
        }
        return end == 0 ? id : id.substring(0, end);
    }

    // Mirrors the verdict rule, so the summary can never look greener than the verdict: blocker or
    // high findings (a crashed check carries one) fail; medium or low warn; info never counts.
    private static ComponentStatus summarise(String prefix, String name, List<CheckOutcome> outcomes) {
        List<Finding> findings = outcomes.stream().flatMap(o -> o.findings().stream()).toList();
        Optional<Finding> blocking = first(findings, Severity::blocksRelease);
        if (blocking.isPresent()) {
            return new ComponentStatus(prefix, name, "FAIL", describe(blocking.get()));
        }
        Optional<CheckOutcome> crashed = outcomes.stream().filter(o -> o.status() == CheckOutcome.Status.ERROR).findFirst();
        if (crashed.isPresent()) {
            return new ComponentStatus(prefix, name, "FAIL", crashed.get().id() + ": check crashed, item unverified");
        }
        Optional<Finding> warning = first(findings, Severity::isWarning);
        if (warning.isPresent()) {
            return new ComponentStatus(prefix, name, "WARN", describe(warning.get()));
        }
        // An unchecked component is not OK: the reader must see that nothing was verified.
        Optional<CheckOutcome> notRun = outcomes.stream().filter(o -> o.status() == CheckOutcome.Status.NOT_RUN).findFirst();
        if (notRun.isPresent()) {
            return new ComponentStatus(prefix, name, "WARN", notRun.get().id() + ": not run in this run");
        }
        return new ComponentStatus(prefix, name, "OK", "None");
    }

    private static Optional<Finding> first(List<Finding> findings, Predicate<Severity> wanted) {
        return findings.stream().filter(f -> wanted.test(f.severity())).findFirst();
    }

    private static String describe(Finding f) {
        return f.id() + ": " + f.message();
    }
}
