package dev.preflight.job.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.job.verify.ShadowServer.Identity;
import dev.preflight.job.verify.ShadowServer.Kind;
import org.junit.jupiter.api.Test;

/**
 * How verify tells the target's own cluster from another server, on identities built in memory:
 * the system identifier when both sides could read it, else the data directory with the server's
 * address, else (unsure, so cautious) the same host as the client sees it or the same address and
 * cluster name; and which servers may replay cluster-global statements.
 *
 * <p>Mutations known to be killed (PIT): any branch taken out of order (a system identifier
 * overruled by the address, a data directory compared without the address); the cautious
 * fallback answering "another cluster" for the same host, or ignoring the cluster name; the
 * evidence naming the wrong ground; global statements replayed on the target's own cluster.
 */
class ShadowServerTests {

    private static Identity id(String host, String systemId, String address, String dataDirectory, String clusterName) {
        return new Identity(host, systemId, address, dataDirectory, clusterName, 16);
    }

    @Test
    void theSystemIdentifierDecidesWhenBothSidesHaveIt() {
        Identity a = id("db.internal", "7301", "10.0.0.5:5432", "/var/lib/pg", "main");

        assertThat(a.sameClusterAs(id("other-name", "7301", "10.0.0.9:6543", "/elsewhere", "x"))).isTrue();
        assertThat(a.sameClusterAs(id("db.internal", "7302", "10.0.0.5:5432", "/var/lib/pg", "main"))).as("a replica or a copy").isFalse();
        assertThat(a.evidence(id("other-name", "7301", "10.0.0.9:6543", null, null))).isEqualTo("same system identifier 7301");
    }

    @Test
    void withoutItTheDataDirectoryAndTheServersAddressDecide() {
        Identity a = id("db.internal", null, "10.0.0.5:5432", "/var/lib/pg", "main");

        assertThat(a.sameClusterAs(id("alias", "7301", "10.0.0.5:5432", "/var/lib/pg", "x"))).isTrue();
        assertThat(a.sameClusterAs(id("db.internal", null, "10.0.0.6:5432", "/var/lib/pg", "main"))).as("same path, other machine").isFalse();
        assertThat(a.sameClusterAs(id("db.internal", null, "10.0.0.5:5432", "/var/lib/pg2", "main"))).as("other data directory").isFalse();
        assertThat(a.evidence(id("alias", "7301", "10.0.0.5:5432", "/var/lib/pg", "x"))).isEqualTo("same data directory /var/lib/pg");
    }

    @Test
    void unsureTheSameHostOrTheSameAddressAndClusterNameCountAsTheSameCluster() {
        Identity a = id("db.internal:5432", null, "10.0.0.5:5432", null, "main");

        assertThat(a.sameClusterAs(id("db.internal:5432", null, "172.17.0.2:5432", "/var/lib/pg", "other"))).as("same host").isTrue();
        assertThat(a.sameClusterAs(id("alias:5432", null, "10.0.0.5:5432", null, "main"))).as("same address and name").isTrue();
        assertThat(a.sameClusterAs(id("alias:5432", null, "10.0.0.5:5432", null, "other"))).as("same address, other name").isFalse();
        assertThat(a.sameClusterAs(id("alias:5432", null, "10.0.0.6:5432", null, "main"))).as("other address").isFalse();
        assertThat(id("h", null, "10.0.0.5:5432", null, null).sameClusterAs(id("g", null, "10.0.0.5:5432", null, null))).isTrue();
        assertThat(a.evidence(id("alias:5432", null, "10.0.0.5:5432", null, "main"))).isEqualTo("same server 10.0.0.5:5432");
    }

    @Test
    void onlyTheTargetsOwnClusterSkipsClusterGlobalStatements() {
        assertThat(new ShadowServer(null, Kind.ISOLATED, "isolated", 16).replaysClusterGlobalStatements()).isTrue();
        assertThat(new ShadowServer(null, Kind.OTHER_SERVER, "other", 16).replaysClusterGlobalStatements()).isTrue();
        assertThat(new ShadowServer(null, Kind.SAME_CLUSTER, "same", 16).replaysClusterGlobalStatements()).isFalse();
    }
}
