package dev.preflight.check;

import dev.preflight.check.lint.LintRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every fixed check of Preflight, discovered from the service list
 * {@code META-INF/services/dev.preflight.check.Check} (one line per check class, in checklist order):
 * runners ask the registry for a family or an id, never build a list by hand. A new check is one
 * class, one line there and one test. Checks read what they verify from the {@link CheckContext},
 * so they are stateless and shared. Smoke checks and lint rules are suites of their own (YAML
 * entries, the lint rule set).
 */
public final class CheckRegistry {

    private static final CheckRegistry LOADED = new CheckRegistry(ServiceLoader.load(Check.class, CheckRegistry.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).map(Check.class::cast).toList());

    private final Map<String, Check> byId = new LinkedHashMap<>();

    CheckRegistry(List<Check> checks) {
        CheckRunner.requireUniqueIds(checks);
        checks.forEach(c -> byId.put(c.id(), c));
    }

    /** The registry of the checks on the class path. */
    public static CheckRegistry get() {
        return LOADED;
    }

    /** Every registered check, in checklist order. */
    public List<Check> all() {
        return List.copyOf(byId.values());
    }

    /** The checks of one family, in checklist order. */
    public List<Check> family(CheckFamily family) {
        List<Check> out = new ArrayList<>();
        byId.values().stream().filter(c -> c.family() == family).forEach(out::add);
        return out;
    }

    /** The check with this id; an unknown id is a programming error. */
    public Check check(String id) {
        Check c = byId.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no check " + id + " in META-INF/services/dev.preflight.check.Check");
        }
        return c;
    }

    /** Every id a finding can carry and {@code severity:} may override: the checks' and the lint rules'. */
    public Set<String> findingIds() {
        Set<String> ids = new TreeSet<>(byId.keySet());
        ids.addAll(LintRules.ids());
        return ids;
    }

    /** The checks with these ids, in the order given. */
    public List<Check> checks(String... ids) {
        List<Check> out = new ArrayList<>();
        for (String id : ids) {
            out.add(check(id));
        }
        return out;
    }
}
