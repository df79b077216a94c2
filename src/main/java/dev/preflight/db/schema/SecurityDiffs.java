package dev.preflight.db.schema;

import static dev.preflight.db.schema.RepairSql.q;

import dev.preflight.db.schema.SchemaDifference.Change;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.db.schema.SchemaModel.Owner;
import dev.preflight.db.schema.SchemaModel.Policy;
import dev.preflight.db.schema.SchemaModel.RowSecurity;
import dev.preflight.report.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The differ's rules for security: row level security per table, policies and owners (privileges
 * are {@link PrivilegeDiffs}'). Only objects present on both sides are compared. Roles compare by
 * name (see {@link SchemaModel}).
 */
final class SecurityDiffs {

    private final List<SchemaDifference> out;

    SecurityDiffs(List<SchemaDifference> out) {
        this.out = out;
    }

    private void add(ObjectType type, Change change, String object, String table, String aspect, String expected, String actual,
                     Severity severity, String repair) {
        out.add(new SchemaDifference(type, change, object, table, aspect, expected, actual, severity, repair, change == Change.UNEXPECTED));
    }

    void rowSecurity(List<RowSecurity> expected, List<RowSecurity> actual, Set<String> sharedTables) {
        Map<String, RowSecurity> a = SchemaDiffer.byKey(actual, RowSecurity::table);
        for (RowSecurity x : expected) {
            RowSecurity y = a.get(x.table());
            if (y == null || !sharedTables.contains(x.table())) {
                continue;
            }
            if (x.enabled() != y.enabled()) {
                // Disabled where the migrations enable it, policies stop filtering: every row is visible.
                add(ObjectType.ROW_SECURITY, Change.CHANGED, x.table(), null, "enabled", onOff(x.enabled()), onOff(y.enabled()),
                        x.enabled() ? Severity.HIGH : Severity.MEDIUM,
                        "ALTER TABLE " + q(x.table()) + (x.enabled() ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY;");
            }
            if (x.forced() != y.forced()) {
                add(ObjectType.ROW_SECURITY, Change.CHANGED, x.table(), null, "forced", x.forced() ? "forced" : "not forced",
                        y.forced() ? "forced" : "not forced", x.forced() ? Severity.HIGH : Severity.MEDIUM,
                        "ALTER TABLE " + q(x.table()) + (x.forced() ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY;");
            }
        }
    }

    private static String onOff(boolean enabled) {
        return enabled ? "enabled" : "disabled";
    }

    void policies(List<Policy> expected, List<Policy> actual, Set<String> sharedTables) {
        Map<String, Policy> e = shared(expected, sharedTables);
        Map<String, Policy> a = shared(actual, sharedTables);
        e.forEach((k, x) -> {
            Policy y = a.get(k);
            if (y == null) {
                add(ObjectType.POLICY, Change.MISSING, x.name(), x.table(), null, describe(x), "absent", Severity.HIGH, createPolicy(x));
            } else if (!x.equals(y)) {
                add(ObjectType.POLICY, Change.CHANGED, x.name(), x.table(), policyAspect(x, y), describe(x), describe(y), Severity.HIGH,
                        dropPolicy(y) + "\n" + createPolicy(x));
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                add(ObjectType.POLICY, Change.UNEXPECTED, y.name(), y.table(), null, "absent", describe(y), Severity.MEDIUM, dropPolicy(y));
            }
        });
    }

    private static Map<String, Policy> shared(List<Policy> policies, Set<String> tables) {
        Map<String, Policy> m = new LinkedHashMap<>();
        policies.stream().filter(p -> tables.contains(p.table())).forEach(p -> m.put(p.table() + "." + p.name(), p));
        return m;
    }

    static String policyAspect(Policy x, Policy y) {
        List<String> aspects = new java.util.ArrayList<>();
        if (!x.command().equals(y.command())) {
            aspects.add("command");
        }
        if (x.permissive() != y.permissive()) {
            aspects.add("permissive/restrictive");
        }
        if (!x.roles().equals(y.roles())) {
            aspects.add("roles");
        }
        if (!Objects.equals(x.using(), y.using())) {
            aspects.add("USING expression");
        }
        if (!Objects.equals(x.withCheck(), y.withCheck())) {
            aspects.add("WITH CHECK expression");
        }
        return String.join(", ", aspects);
    }

    static String describe(Policy p) {
        return (p.permissive() ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + p.command() + " TO " + String.join(", ", p.roles())
                + (p.using() == null ? "" : " USING (" + p.using() + ")") + (p.withCheck() == null ? "" : " WITH CHECK (" + p.withCheck() + ")");
    }

    static String createPolicy(Policy p) {
        return "CREATE POLICY " + q(p.name()) + " ON " + q(p.table()) + " AS " + (p.permissive() ? "PERMISSIVE" : "RESTRICTIVE")
                + " FOR " + p.command() + " TO " + String.join(", ", p.roles().stream().map(SecurityDiffs::role).toList())
                + (p.using() == null ? "" : " USING (" + p.using() + ")") + (p.withCheck() == null ? "" : " WITH CHECK (" + p.withCheck() + ")") + ";";
    }

    private static String dropPolicy(Policy p) {
        return "DROP POLICY IF EXISTS " + q(p.name()) + " ON " + q(p.table()) + ";";
    }

    /** A role in SQL: PUBLIC and CURRENT_USER are keywords, other names are quoted. */
    static String role(String name) {
        return name.equals("PUBLIC") || name.equals("CURRENT_USER") ? name : q(name);
    }

    void owners(List<Owner> expected, List<Owner> actual) {
        Map<String, Owner> a = SchemaDiffer.byKey(actual, o -> o.kind() + " " + o.name());
        for (Owner x : expected) {
            Owner y = a.get(x.kind() + " " + x.name());
            if (y != null && !x.owner().equals(y.owner())) {
                add(ObjectType.OWNER, Change.CHANGED, x.kind().toLowerCase(Locale.ROOT) + " " + x.name(), null, "owner", x.owner(), y.owner(),
                        Severity.MEDIUM, "ALTER " + x.kind() + " " + (x.kind().equals("FUNCTION") || x.kind().equals("PROCEDURE")
                                ? x.name() : q(x.name())) + " OWNER TO " + role(x.owner()) + ";");
            }
        }
    }
}
