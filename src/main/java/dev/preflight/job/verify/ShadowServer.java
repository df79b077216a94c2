package dev.preflight.job.verify;

import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.DatabaseUrl;
import dev.preflight.config.ShadowSettings;
import dev.preflight.db.Connections;
import dev.preflight.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The server verify replays the migrations on: an isolated embedded cluster (the default), another
 * server ({@code --shadow-url}), or, only when told so, the target's own cluster, where
 * cluster-global statements (roles, tablespaces, databases, ALTER SYSTEM) are never replayed.
 */
public record ShadowServer(DatabaseUrl adminUrl, Kind kind, String description, Integer majorVersion) {

    /** Where the shadow database lives. */
    public enum Kind { ISOLATED, OTHER_SERVER, SAME_CLUSTER }

    /** True when cluster-global statements may run there (anywhere but the target's own cluster). */
    public boolean replaysClusterGlobalStatements() {
        return kind != Kind.SAME_CLUSTER;
    }

    /** A server the settings allow; a shadow URL on the target's own cluster without the explicit switch is refused. */
    public static ShadowServer resolve(ShadowSettings settings, DatabaseTarget target) throws SQLException {
        if (settings.url() == null && settings.sameCluster()) {
            return new ShadowServer(target.ddlUrl(), Kind.SAME_CLUSTER, "the target's own cluster (--shadow-same-cluster)", null);
        }
        if (settings.url() == null) {
            EmbeddedPostgres pg = EmbeddedShadowCluster.get();
            return new ShadowServer(pg.adminUrl(), Kind.ISOLATED, "an isolated PostgreSQL " + pg.majorVersion()
                    + " cluster started by Preflight from " + pg.installation().binDir(), pg.majorVersion());
        }
        Identity shadow = Identity.of(settings.url());
        Identity real = Identity.of(target.ddlUrl());
        if (shadow.sameClusterAs(real)) {
            if (!settings.sameCluster()) {
                throw new RefusedException("the shadow URL " + settings.url().masked() + " points at the target's own cluster ("
                        + shadow.evidence(real) + "): roles and other cluster-wide objects the migrations create or drop would change "
                        + "the real cluster; give a shadow URL on another server, leave it out to replay in an isolated cluster, "
                        + "or add --shadow-same-cluster to replay there without the cluster-global statements");
            }
            return new ShadowServer(settings.url(), Kind.SAME_CLUSTER, "the target's own cluster at " + settings.url().masked()
                    + " (--shadow-same-cluster)", shadow.major());
        }
        return new ShadowServer(settings.url(), Kind.OTHER_SERVER, "the shadow server " + settings.url().masked(), shadow.major());
    }

    /** The shadow URL names the target's cluster and the user did not allow it. */
    public static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * What identifies a cluster: {@code system_identifier} from {@code pg_control_system()} when the
     * role may read it; otherwise the server's own address and port, data directory and cluster name.
     */
    record Identity(String host, String systemId, String serverAddress, String dataDirectory, String clusterName, int major) {

        static Identity of(DatabaseUrl url) throws SQLException {
            try (Connection c = Connections.open(url); Statement st = c.createStatement()) {
                String systemId = null;
                try (ResultSet rs = st.executeQuery("SELECT system_identifier::text FROM pg_control_system()")) {
                    systemId = rs.next() ? rs.getString(1) : null;
                } catch (SQLException e) {
                    // not allowed for this role: fall back on the heuristics below
                }
                try (ResultSet rs = st.executeQuery("SELECT coalesce(host(inet_server_addr()), 'socket') || ':' || "
                        + "coalesce(inet_server_port()::text, current_setting('port')), "
                        + "CASE WHEN pg_has_role('pg_read_all_settings', 'member') THEN current_setting('data_directory') END, "
                        + "current_setting('cluster_name'), current_setting('server_version_num')::int / 10000")) {
                    rs.next();
                    return new Identity(url.hosts(), systemId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4));
                }
            }
        }

        boolean sameClusterAs(Identity o) {
            if (systemId != null && o.systemId != null) {
                return systemId.equals(o.systemId);
            }
            if (dataDirectory != null && o.dataDirectory != null) {
                return dataDirectory.equals(o.dataDirectory) && serverAddress.equals(o.serverAddress);
            }
            // Unsure: the same host and port as the client sees them, or as the server reports them, count as the same cluster.
            return host.equals(o.host) || (serverAddress.equals(o.serverAddress) && Objects.equals(clusterName, o.clusterName));
        }

        String evidence(Identity o) {
            return systemId != null && o.systemId != null ? "same system identifier " + systemId
                    : dataDirectory != null && o.dataDirectory != null ? "same data directory " + dataDirectory
                    : "same server " + serverAddress;
        }
    }
}
