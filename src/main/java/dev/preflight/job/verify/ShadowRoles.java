package dev.preflight.job.verify;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.db.Connections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roles of a shadow cluster around one replay: creates the roles the project declares
 * ({@code verify.shadowRoles}) before it, and afterwards drops every role that was not there
 * before it (declared ones and those the migrations created), so the next replay on the same
 * cluster starts from the same roles. Never used on the target's own cluster.
 */
public final class ShadowRoles implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShadowRoles.class);

    private final DatabaseUrl server;
    private final Set<String> before;

    private ShadowRoles(DatabaseUrl server, Set<String> before) {
        this.server = server;
        this.before = before;
    }

    public static ShadowRoles prepare(DatabaseUrl server, List<String> declared) throws SQLException {
        Set<String> before = roles(server);
        try (Connection c = Connections.open(server); Statement st = c.createStatement()) {
            for (String role : declared) {
                if (!before.contains(role)) {
                    st.execute("CREATE ROLE " + quote(role) + " NOLOGIN");
                }
            }
        }
        return new ShadowRoles(server, before);
    }

    private static Set<String> roles(DatabaseUrl server) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (Connection c = Connections.open(server); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rolname FROM pg_roles")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Drops the roles that appeared since {@link #prepare}; one that cannot go (it owns objects elsewhere) stays, logged. */
    @Override
    public void close() {
        try {
            List<String> added = new ArrayList<>(roles(server));
            added.removeAll(before);
            try (Connection c = Connections.open(server); Statement st = c.createStatement()) {
                for (String role : added) {
                    try {
                        st.execute("DROP ROLE IF EXISTS " + quote(role));
                    } catch (SQLException e) {
                        log.warn("verify: role {} created during the replay stays on the shadow server: {}", role, e.getMessage());
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("verify: could not clean the shadow server's roles: {}", e.getMessage());
        }
    }

    private static String quote(String role) {
        return "\"" + role.replace("\"", "\"\"") + "\"";
    }
}
