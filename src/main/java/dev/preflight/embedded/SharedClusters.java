package dev.preflight.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Throwaway clusters a process shares between the jobs of a run (lint's and verify's shadow replays), one per purpose:
 * started by the first job that needs one, and stopped once the run's jobs are done ({@link #release}), on a thread of
 * their own while the run measures and reports. Before, they were stopped as the process exited, and a verify waited
 * for it at its very end (about 170 ms).
 *
 * <p>A process that keeps them for all its runs sets {@value #KEEP} to {@code true}: the test JVM, whose many replays
 * would otherwise each start a cluster. Whatever is still running at exit is stopped by the cluster's own shutdown hook,
 * which waits for a stop in progress.
 */
public final class SharedClusters {

    /** The system property that keeps the clusters from one run to the next. */
    public static final String KEEP = "preflight.shared-clusters.keep";

    private static final Map<String, EmbeddedPostgres> RUNNING = new HashMap<>();
    private static final List<Thread> STOPPING = new ArrayList<>();

    private SharedClusters() {
    }

    /** The running cluster for {@code prefix}, started now in {@code stateDir} if the process has none. */
    public static synchronized EmbeddedPostgres get(String prefix, Path stateDir) {
        return RUNNING.computeIfAbsent(prefix, p -> EmbeddedPostgres.start(stateDir, false, p));
    }

    /** The superuser URLs of the shared clusters running now (a signal cancels the statements a run has running there). */
    public static synchronized List<dev.preflight.config.DatabaseUrl> runningAdminUrls() {
        return RUNNING.values().stream().map(EmbeddedPostgres::adminUrl).toList();
    }

    /** A run's jobs are done: stops every shared cluster on a thread of its own, unless the process keeps them. */
    public static synchronized void release() {
        if (Boolean.getBoolean(KEEP) || RUNNING.isEmpty()) {
            return;
        }
        for (EmbeddedPostgres cluster : RUNNING.values()) {
            Thread stop = new Thread(cluster::close, "preflight-shared-cluster-stop");
            stop.setDaemon(true); // the shutdown hook waits for it (EmbeddedPostgres stops under its own lock)
            stop.start();
            STOPPING.add(stop);
        }
        RUNNING.clear();
    }

    /** Waits for the stops {@link #release} started (tests). */
    static void awaitStopped() throws InterruptedException {
        List<Thread> stops;
        synchronized (SharedClusters.class) {
            stops = new ArrayList<>(STOPPING);
            STOPPING.clear();
        }
        for (Thread t : stops) {
            t.join();
        }
    }
}
