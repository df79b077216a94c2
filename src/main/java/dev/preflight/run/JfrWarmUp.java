package dev.preflight.run;

import java.util.List;

/**
 * Initialises Spring Batch's JFR event classes on the Spring context's thread once the context is up, while the session
 * still connects: the first one sets up the JDK's JFR machinery, about 140 classes (measured: 40-160 ms into a backfill
 * job, before its first chunk, and 34 ms of every job command's launch). Best effort: a class missing in another Spring
 * Batch version is simply not loaded.
 */
final class JfrWarmUp {

    private static final List<String> EVENTS = List.of(
            "org.springframework.batch.core.observability.jfr.events.job.JobLaunchEvent",
            "org.springframework.batch.core.observability.jfr.events.job.JobExecutionEvent",
            "org.springframework.batch.core.observability.jfr.events.step.StepExecutionEvent",
            "org.springframework.batch.core.observability.jfr.events.step.partition.PartitionSplitEvent",
            "org.springframework.batch.core.observability.jfr.events.step.partition.PartitionAggregateEvent",
            "org.springframework.batch.core.observability.jfr.events.step.tasklet.TaskletExecutionEvent",
            "org.springframework.batch.core.observability.jfr.events.step.chunk.ChunkTransactionEvent");

    private JfrWarmUp() {
    }

    /** Initialises the event classes on a daemon thread of their own. */
    static void start() {
        Thread t = new Thread(JfrWarmUp::run, "preflight:jfr-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Initialises the event classes on the calling thread. */
    static void run() {
        ClassLoader loader = JfrWarmUp.class.getClassLoader();
        for (String name : EVENTS) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // only a warm-up: the job loads what it uses anyway
            }
        }
    }
}
