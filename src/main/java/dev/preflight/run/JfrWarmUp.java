package dev.preflight.run;

import java.util.List;

/**
 * Loads Spring Batch's JFR event classes on a background thread while the command starts: the
 * first one loaded sets up the JDK's JFR machinery, about 140 classes (measured: 40-160 ms into
 * a backfill job, before its first chunk, with the producer waiting for the CPU). Loaded during
 * the Spring context's start-up instead, they cost the job nothing. Best effort: a class missing
 * in another Spring Batch version is simply not loaded.
 */
public final class JfrWarmUp {

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

    /** Starts the loading and returns at once. */
    public static void start() {
        ClassLoader loader = JfrWarmUp.class.getClassLoader();
        Thread t = new Thread(() -> {
            for (String name : EVENTS) {
                try {
                    Class.forName(name, true, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // only a warm-up: the job loads what it uses anyway
                }
            }
        }, "preflight-jfr-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
