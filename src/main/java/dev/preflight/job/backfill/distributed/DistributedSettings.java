package dev.preflight.job.backfill.distributed;

import dev.preflight.kernel.PreflightException;

/**
 * How a distributed backfill reaches its workers and when it gives up on them.
 *
 * @param brokerUrl {@code amqp://user:password@host:port[/vhost]}
 * @param partitions id ranges the pending rows are split into (several per worker, so a slow one does not hold the rest)
 * @param workerTimeoutSeconds a worker silent this long is taken for dead: its partition is sent again; with no live worker
 *                             this long, the run fails
 * @param brokerTimeoutSeconds the broker unreachable this long while partitions wait for delivery fails the run
 */
public record DistributedSettings(String brokerUrl, int partitions, double workerTimeoutSeconds, double brokerTimeoutSeconds) {

    public DistributedSettings {
        if (workerTimeoutSeconds < 3 * BackfillWorker.HEARTBEAT_SECONDS) {
            throw PreflightException.config("--worker-timeout " + workerTimeoutSeconds + " is shorter than three worker heartbeats ("
                    + 3 * BackfillWorker.HEARTBEAT_SECONDS + " s)", "use --worker-timeout 30 (the default) or at least "
                    + 3 * BackfillWorker.HEARTBEAT_SECONDS);
        }
        if (partitions < 1 || partitions > 10_000) {
            throw PreflightException.config("--partitions " + partitions + " is out of range", "use 1 to 10000 (default: 8)");
        }
    }
}
