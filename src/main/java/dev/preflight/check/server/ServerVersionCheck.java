package dev.preflight.check.server;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * SRV002: the server must be PostgreSQL 14 or newer. Older servers lack features the migrations
 * and pgvector rely on; upgrade the server or point Preflight at another one.
 */
public final class ServerVersionCheck implements Check {

    public static final int MIN_VERSION_NUM = 140000;

    @Override
    public String id() {
        return "SRV002";
    }

    @Override
    public String title() {
        return "Server is PostgreSQL 14 or newer";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.BLOCKER;
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws Exception {
        try (Statement st = ctx.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            rs.next();
            int num = rs.getInt(1);
            if (num >= MIN_VERSION_NUM) {
                return List.of();
            }
            return List.of(finding("server", "the server runs PostgreSQL " + rs.getString(2) + ", older than 14",
                    ">= 14", rs.getString(2), "upgrade the server to PostgreSQL 14 or newer (15+ recommended)"));
        }
    }
}
