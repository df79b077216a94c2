package dev.preflight.job.verify;

import dev.preflight.embedded.EmbeddedPostgres;
import dev.preflight.embedded.SharedClusters;
import java.nio.file.Path;
import java.util.List;

/**
 * The isolated cluster replays run in by default: started from the machine's PostgreSQL binaries
 * the first time a replay needs it, then shared by every replay of the run (lint's and verify's),
 * and stopped once the run's jobs are done ({@link SharedClusters}; the test JVM keeps one). Its folder lives in
 * the machine's temporary folder, named after this process, so a killed run's cluster is found
 * and removed by the next one.
 */
final class EmbeddedShadowCluster {

    static final String PREFIX = "shadow";

    private EmbeddedShadowCluster() {
    }

    /** The running cluster, started now if this process has none yet. */
    static EmbeddedPostgres get() {
        return SharedClusters.get(PREFIX, folder());
    }

    /** Removes clusters left by killed runs (their owning process is gone) and returns their folders. */
    static List<Path> removeOrphans() {
        return EmbeddedPostgres.removeOrphans(folder(), PREFIX);
    }

    /** Per user, so two accounts on one machine never see each other's clusters. */
    static Path folder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "preflight-shadow-" + System.getProperty("user.name"));
    }
}
