package dev.preflight.db.schema;

import static dev.preflight.db.schema.RepairSql.q;

import dev.preflight.db.schema.SchemaDifference.Change;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.db.schema.SchemaModel.DefaultPrivilege;
import dev.preflight.db.schema.SchemaModel.Privilege;
import dev.preflight.report.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The differ's rules for privileges: table, column and schema grants (grantee, privilege, grant
 * option) and default privileges, each with the GRANT, REVOKE or ALTER DEFAULT PRIVILEGES that
 * undoes it. Grants on objects missing from either side go with that object's difference.
 */
final class PrivilegeDiffs {

    private final List<SchemaDifference> out;

    PrivilegeDiffs(List<SchemaDifference> out) {
        this.out = out;
    }

    private void add(ObjectType type, Change change, String object, String table, String aspect, String expected, String actual,
                     Severity severity, String repair) {
        out.add(new SchemaDifference(type, change, object, table, aspect, expected, actual, severity, repair, change == Change.UNEXPECTED));
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
                        x.grantable() ? grant(x) : "REVOKE GRANT OPTION FOR " + x.privilege() + on(x) + " FROM " + SecurityDiffs.role(x.grantee()) + ";");
            }
        });
        a.forEach((k, y) -> {
            if (!e.containsKey(k)) {
                add(ObjectType.PRIVILEGE, Change.UNEXPECTED, privilegeName(y), null, null, "not granted", grantText(y), Severity.MEDIUM,
                        "REVOKE " + y.privilege() + on(y) + " FROM " + SecurityDiffs.role(y.grantee()) + ";");
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
        return p.kind().equals("COLUMN") ? "column " + p.object() + "." + p.column() : p.kind().toLowerCase(Locale.ROOT) + " " + p.object();
    }

    private static String grantText(Privilege p) {
        return p.privilege() + " to " + p.grantee() + (p.grantable() ? " WITH GRANT OPTION" : "");
    }

    private static String on(Privilege p) {
        return p.kind().equals("COLUMN") ? " (" + q(p.column()) + ") ON TABLE " + q(p.object()) : " ON " + p.kind() + " " + q(p.object());
    }

    static String grant(Privilege p) {
        return "GRANT " + p.privilege() + on(p) + " TO " + SecurityDiffs.role(p.grantee()) + (p.grantable() ? " WITH GRANT OPTION" : "") + ";";
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
        return d.privilege() + " on new " + objects(d.objectType()).toLowerCase(Locale.ROOT) + " of " + d.role()
                + (d.schema() == null ? "" : " in schema " + d.schema()) + " to " + d.grantee();
    }

    private static String defaultText(DefaultPrivilege d) {
        return d.privilege() + " to " + d.grantee() + (d.grantable() ? " WITH GRANT OPTION" : "");
    }

    static String alterDefault(DefaultPrivilege d, boolean grant) {
        String head = "ALTER DEFAULT PRIVILEGES FOR ROLE " + SecurityDiffs.role(d.role()) + (d.schema() == null ? "" : " IN SCHEMA " + q(d.schema()));
        return grant
                ? head + " GRANT " + d.privilege() + " ON " + objects(d.objectType()) + " TO " + SecurityDiffs.role(d.grantee())
                        + (d.grantable() ? " WITH GRANT OPTION" : "") + ";"
                : head + " REVOKE " + d.privilege() + " ON " + objects(d.objectType()) + " FROM " + SecurityDiffs.role(d.grantee()) + ";";
    }
}
