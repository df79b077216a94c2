package dev.preflight.job.verify;

import dev.preflight.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;

/**
 * The isolated cluster replays run in by default: started from the machine's PostgreSQL binaries
 * the first time a replay needs it, then shared by every replay of this process (one per run on
 * the command line; one per test JVM), and stopped when the process exits. Its folder lives in
 * the machine's temporary folder, named after this process, so a killed run's cluster is found
 * and removed by the next one.
 */
final class EmbeddedShadowCluster {

    static final String PREFIX = "shadow";

    private static EmbeddedPostgres cluster;

    private EmbeddedShadowCluster() {
    }

    /** The running cluster, started now if this process has none yet. */
    static synchronized EmbeddedPostgres get() {
        if (cluster == null) {
            cluster = EmbeddedPostgres.start(folder(), false, PREFIX);
        }
        return cluster;
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
