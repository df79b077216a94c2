package dev.preflight.job.backfill;

import org.springframework.stereotype.Component;

/**
 * The target being backfilled now: set by the launcher before it starts the job, read by the
 * step-scoped readers and writers (job parameters only identify the job instance).
 */
@Component
public class BackfillTasks {

    private volatile BackfillTask current;

    public BackfillTask current() {
        if (current == null) {
            throw new IllegalStateException("the backfill job was started without a task: use BackfillLauncher");
        }
        return current;
    }

    /** Set before a job (or, on a worker, a partition) starts; the step-scoped reader and writer read it. */
    public void current(BackfillTask task) {
        current = task;
    }
}
