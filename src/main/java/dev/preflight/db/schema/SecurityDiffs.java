package dev.preflight.db.schema;

import static dev.preflight.db.schema.RepairSql.q;

import dev.preflight.db.schema.SchemaDifference.Change;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.db.schema.SchemaModel.DefaultPrivilege;
import dev.preflight.db.schema.SchemaModel.Owner;
import dev.preflight.db.schema.SchemaModel.Policy;
import dev.preflight.db.schema.SchemaModel.Privilege;
import dev.preflight.db.schema.SchemaModel.RowSecurity;
import dev.preflight.report.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The differ's rules for security: row level security per table, policies, privileges, default
 * privileges and owners. Only objects present on both sides are compared (a missing table's
 * grants go with that table's difference). Roles compare by name (see {@link SchemaModel}).
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

    void privileges(List<Privilege> expected, List<Privilege> actual, Set<String> sharedObjects) {
        Map<String, Privilege> e = privilegeKeys(expected, sharedObjects);
        Map<String, Privilege> a = privilegeKeys(actual, sharedObjects);
        e.forEach((k, x) -> {
            Privilege y = a.get(k);
            if (y == null) {
                // Revoked behind the migrations' back: the application gets "permission denied".
                add(ObjectType.PRIVILEGE, Change.MISSING, privilegeName(x), null, null, grantText(x), "not granted", Severity.HIGH,
                        grant(x));
            } else if (x.grantable() != y.grantable()) {
                add(ObjectType.PRIVILEGE, Change.CHANGED, privilegeName(x), null, "grant option", grantText(x), grantText(y), Severity.MEDIUM,
                        x.grantable() ? grant(x) : "REVOKE GRANT OPTION FOR " + x.privilege() + on(x) + " FROM " + role(x.grantee()) + ";");
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                add(ObjectType.PRIVILEGE, Change.UNEXPECTED, privilegeName(y), null, null, "not granted", grantText(y), Severity.MEDIUM,
                        "REVOKE " + y.privilege() + on(y) + " FROM " + role(y.grantee()) + ";");
            }
        });
    }

    private static Map<String, Privilege> privilegeKeys(List<Privilege> privileges, Set<String> objects) {
        Map<String, Privilege> m = new LinkedHashMap<>();
        privileges.stream().filter(p -> objects.contains(p.kind().equals("COLUMN") ? p.object() + "." + p.column() : p.object()))
                .forEach(p -> m.put(p.kind() + " " + p.object() + "." + p.column() + " " + p.grantee() + " " + p.privilege(), p));
        return m;
    }

    static String privilegeName(Privilege p) {
        return p.privilege() + " on " + target(p) + " to " + p.grantee();
    }

    private static String target(Privilege p) {
        return p.kind().equals("COLUMN") ? "column " + p.object() + "." + p.column() : p.kind().toLowerCase() + " " + p.object();
    }

    private static String grantText(Privilege p) {
        return p.privilege() + " to " + p.grantee() + (p.grantable() ? " WITH GRANT OPTION" : "");
    }

    private static String on(Privilege p) {
        return p.kind().equals("COLUMN") ? " (" + q(p.column()) + ") ON TABLE " + q(p.object()) : " ON " + p.kind() + " " + q(p.object());
    }

    static String grant(Privilege p) {
        return "GRANT " + p.privilege() + on(p) + " TO " + role(p.grantee()) + (p.grantable() ? " WITH GRANT OPTION" : "") + ";";
    }

    void defaultPrivileges(List<DefaultPrivilege> expected, List<DefaultPrivilege> actual) {
        Map<String, DefaultPrivilege> e = withBuiltIns(expected, actual);
        Map<String, DefaultPrivilege> a = withBuiltIns(actual, expected);
        e.forEach((k, x) -> {
            DefaultPrivilege y = a.get(k);
            if (y == null || x.grantable() != y.grantable()) {
                add(ObjectType.DEFAULT_PRIVILEGE, y == null ? Change.MISSING : Change.CHANGED, defaultName(x), null,
                        y == null ? null : "grant option", defaultText(x), y == null ? "not granted" : defaultText(y), Severity.MEDIUM,
                        alterDefault(x, true));
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                add(ObjectType.DEFAULT_PRIVILEGE, Change.UNEXPECTED, defaultName(y), null, null, "not granted", defaultText(y),
                        Severity.MEDIUM, alterDefault(y, false));
            }
        });
    }

    /**
     * Default privileges keyed by role, schema, object type, grantee and privilege. A global entry
     * ({@code schema} null) holds the full list once it exists; where only the other side has one,
     * this side still has PostgreSQL's built-in defaults (EXECUTE on functions and USAGE on types to PUBLIC).
     */
    private static Map<String, DefaultPrivilege> withBuiltIns(List<DefaultPrivilege> side, List<DefaultPrivilege> other) {
        Map<String, DefaultPrivilege> m = new LinkedHashMap<>();
        side.forEach(d -> m.put(defaultKey(d), d));
        for (DefaultPrivilege o : other) {
            boolean entryHere = side.stream().anyMatch(d -> Objects.equals(d.role(), o.role()) && d.schema() == null && o.schema() == null
                    && d.objectType().equals(o.objectType()));
            if (o.schema() == null && !entryHere) {
                String builtIn = switch (o.objectType()) {
                    case "f" -> "EXECUTE";
                    case "T" -> "USAGE";
                    default -> null;
                };
                if (builtIn != null) {
                    DefaultPrivilege d = new DefaultPrivilege(o.role(), null, o.objectType(), "PUBLIC", builtIn, false);
                    m.putIfAbsent(defaultKey(d), d);
                }
            }
        }
        return m;
    }

    private static String defaultKey(DefaultPrivilege d) {
        return d.role() + "|" + d.schema() + "|" + d.objectType() + "|" + d.grantee() + "|" + d.privilege();
    }

    private static String objects(String objectType) {
        return switch (objectType) {
            case "r" -> "TABLES";
            case "S" -> "SEQUENCES";
            case "f" -> "FUNCTIONS";
            case "T" -> "TYPES";
            case "n" -> "SCHEMAS";
            default -> objectType;
        };
    }

    static String defaultName(DefaultPrivilege d) {
        return d.privilege() + " on new " + objects(d.objectType()).toLowerCase() + " of " + d.role()
                + (d.schema() == null ? "" : " in schema " + d.schema()) + " to " + d.grantee();
    }

    private static String defaultText(DefaultPrivilege d) {
        return d.privilege() + " to " + d.grantee() + (d.grantable() ? " WITH GRANT OPTION" : "");
    }

    static String alterDefault(DefaultPrivilege d, boolean grant) {
        String head = "ALTER DEFAULT PRIVILEGES FOR ROLE " + role(d.role()) + (d.schema() == null ? "" : " IN SCHEMA " + q(d.schema()));
        return grant
                ? head + " GRANT " + d.privilege() + " ON " + objects(d.objectType()) + " TO " + role(d.grantee())
                        + (d.grantable() ? " WITH GRANT OPTION" : "") + ";"
                : head + " REVOKE " + d.privilege() + " ON " + objects(d.objectType()) + " FROM " + role(d.grantee()) + ";";
    }

    void owners(List<Owner> expected, List<Owner> actual) {
        Map<String, Owner> a = SchemaDiffer.byKey(actual, o -> o.kind() + " " + o.name());
        for (Owner x : expected) {
            Owner y = a.get(x.kind() + " " + x.name());
            if (y != null && !x.owner().equals(y.owner())) {
                add(ObjectType.OWNER, Change.CHANGED, x.kind().toLowerCase() + " " + x.name(), null, "owner", x.owner(), y.owner(),
                        Severity.MEDIUM, "ALTER " + x.kind() + " " + (x.kind().equals("FUNCTION") || x.kind().equals("PROCEDURE")
                                ? x.name() : q(x.name())) + " OWNER TO " + role(x.owner()) + ";");
            }
        }
    }
}
