package dev.preflight.check.server;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.db.CatalogQueries;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * SRV003: every extension the migrations create ({@code CREATE EXTENSION}) must be available on
 * the server ({@code pg_available_extensions}); otherwise the migration that needs it fails half-way
 * through a deployment. Install the extension's package on the server, or pick a host that has it.
 */
public final class ExtensionsAvailableCheck implements Check {

    @Override
    public String id() {
        return "SRV003";
    }

    @Override
    public String title() {
        return "Extensions the migrations need are available on the server";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.BLOCKER;
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws Exception {
        List<Finding> out = new ArrayList<>();
        for (var required : ctx.migrations().requiredExtensions()) {
            try (PreparedStatement ps = ctx.connection().prepareStatement(CatalogQueries.AVAILABLE_EXTENSION)) {
                ps.setString(1, required.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        out.add(finding("extension " + required.name(),
                                "extension '" + required.name() + "' (created by " + required.file() + " line " + required.line()
                                        + ") is not available on this server",
                                "available", "missing", remedy(required.name())));
                    }
                }
            }
        }
        return out;
    }

    static String remedy(String name) {
        if (name.equals("vector")) {
            return "install pgvector on the server (Debian: run scripts/install-postgres.sh, which builds it from source; "
                    + "managed services: enable the 'vector' extension in the provider's console)";
        }
        return "install the package that provides extension '" + name + "' on the server (for contrib extensions: postgresql-contrib)";
    }
}
