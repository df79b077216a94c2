package dev.preflight.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's shared cluster (the shadow replays') is stopped and removed once its jobs are done, and a later run starts
 * another; a process that keeps its clusters (the test JVM) keeps it. Real clusters from the machine's binaries.
 */
class SharedClustersIntegrationTests {

    @TempDir
    Path state;

    private String kept;

    @BeforeEach
    void releaseForReal() {
        kept = System.clearProperty(SharedClusters.KEEP);
    }

    @AfterEach
    void restore() throws InterruptedException {
        SharedClusters.release();
        SharedClusters.awaitStopped();
        if (kept != null) {
            System.setProperty(SharedClusters.KEEP, kept);
        }
    }

    private static boolean accepts(EmbeddedPostgres pg) {
        try (Connection c = DriverManager.getConnection(pg.adminUrl().jdbcUrl(), pg.adminUrl().connectionProperties())) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void aReleasedClusterIsStoppedAndRemovedAndTheNextRunStartsAnother() throws Exception {
        // given the cluster a run's replays shared
        EmbeddedPostgres first = SharedClusters.get("t", state);
        assertThat(SharedClusters.get("t", state)).as("shared within the run").isSameAs(first);
        assertThat(accepts(first)).isTrue();

        // when the run's jobs are done
        SharedClusters.release();
        SharedClusters.awaitStopped();

        // then it is stopped and its folder removed
        assertThat(accepts(first)).isFalse();
        assertThat(Files.exists(first.dataDir())).isFalse();

        // and a later run gets a new, running cluster
        EmbeddedPostgres second = SharedClusters.get("t", state);
        assertThat(second).isNotSameAs(first);
        assertThat(accepts(second)).isTrue();
    }

    @Test
    void aProcessThatKeepsItsClustersKeepsThemAfterARun() throws Exception {
        System.setProperty(SharedClusters.KEEP, "true");
        try {
            EmbeddedPostgres cluster = SharedClusters.get("k", state);
            SharedClusters.release();
            SharedClusters.awaitStopped();
            assertThat(accepts(cluster)).isTrue();
            assertThat(SharedClusters.get("k", state)).isSameAs(cluster);
        } finally {
            System.clearProperty(SharedClusters.KEEP);
        }
    }
}
