package dev.preflight.check.server;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.db.CatalogQueries;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SRV004: the current role must be able to create each required extension that is not yet
 * installed: a superuser can; otherwise the extension must be trusted and the role must have CREATE
 * on the database. Ask an administrator to create the extension once, or grant the privilege.
 */
public final class ExtensionsCreatableCheck implements Check {

    @Override
    public String id() {
        return "SRV004";
    }

    @Override
    public String title() {
        return "The current role can create the required extensions";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.BLOCKER;
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws Exception {
        boolean superuser;
        boolean canCreate;
        String role;
        try (Statement st = ctx.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user), "
                     + "has_database_privilege(current_user, current_database(), 'CREATE')")) {
            rs.next();
            role = rs.getString(1);
            superuser = rs.getBoolean(2);
            canCreate = rs.getBoolean(3);
        }
        List<Finding> out = new ArrayList<>();
        for (var required : ctx.migrations().requiredExtensions()) {
            try (PreparedStatement ps = ctx.connection().prepareStatement(CatalogQueries.AVAILABLE_EXTENSION)) {
                ps.setString(1, required.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(2) != null || superuser) {
                        continue; // missing is SRV003's finding; installed or superuser needs nothing
                    }
                    boolean trusted = rs.getBoolean(3);
                    if (!(trusted && canCreate)) {
                        out.add(finding("extension " + required.name(),
                                "role '" + role + "' cannot create extension '" + required.name() + "' ("
                                        + (trusted ? "no CREATE privilege on the database" : "it is not a trusted extension and the role is not a superuser") + ")",
                                "creatable", "not creatable",
                                "ask an administrator to run CREATE EXTENSION IF NOT EXISTS \"" + required.name()
                                        + "\" once in this database" + (trusted ? ", or GRANT CREATE ON DATABASE to " + role : "")));
                    }
                }
            }
        }
        return out;
    }
}
