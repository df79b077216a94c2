package dev.preflight.cli.command;

import dev.preflight.broker.PartitionBroker;
import dev.preflight.cli.Command;
import dev.preflight.job.backfill.distributed.BackfillWorker;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.run.Session;

/**
 * {@code worker}: a backfill worker process. It takes partitions of distributed backfills
 * ({@code backfill --distributed}) from the broker, one at a time, and runs them against the
 * database with this project's embedding settings, until SIGTERM (or {@code --duration SECONDS}).
 * Options: {@code --broker-url}, {@code --worker-id} (default host-pid). Writes no report: the
 * manager's report has every worker's rows.
 */
public final class WorkerCommand implements Command {

    /** Seconds a SIGTERM leaves the running partition to finish (Kubernetes' default grace is 30). */
    private static final long GRACE_SECONDS = 20;
    private static final int CONNECT_ATTEMPTS = 3;

    @Override
    public String name() {
        return "worker";
    }

    @Override
    public java.util.Set<String> flags() {
        return java.util.Set.of("broker-url", "worker-id", "duration");
    }

    @Override
    public String summary() {
        return "run backfill partitions sent by backfill --distributed (--broker-url, --worker-id, --duration)";
    }

    /** A worker often starts before its database answers (a fresh cluster, a pod scheduled first): it tries a few times. */
    private Session open(Options options, Console console) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return Session.openReadOnly(name(), options, console);
            } catch (PreflightException e) {
                if (e.exitCode() != ExitCode.USAGE_OR_CONNECTION || !e.getMessage().startsWith("db: ") || attempt == CONNECT_ATTEMPTS) {
                    throw e;
                }
                console.err().println("[preflight] worker: " + e.getMessage() + "; trying again in 5 s (" + attempt + "/" + CONNECT_ATTEMPTS + ")");
                Thread.sleep(5000);
            }
        }
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        String url = options.flag("broker-url") != null ? options.flag("broker-url") : console.env(BrokerOptions.ENV);
        if (url == null || url.isBlank()) {
            throw PreflightException.config("worker needs the broker's URL", "pass --broker-url amqp://user:password@host:5672 or set "
                    + BrokerOptions.ENV);
        }
        Integer duration = options.positiveInt("duration");
        String id = options.flag("worker-id") != null ? options.flag("worker-id")
                : java.net.InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        if (!options.has("reports")) {
            // a worker that cannot reach the database writes its report apart: the manager's reports/latest stays the run's
            options = options.withParams(java.util.Map.of("reports",
                    options.project().resolve("reports").resolve("workers").resolve(id).toAbsolutePath().toString()));
        }
        try (Session session = open(options, console);
             PartitionBroker broker = BackfillWorker.broker(session, url)) {
            try {
                broker.ping();
            } catch (PartitionBroker.BrokerUnavailableException e) {
                throw new PreflightException(ExitCode.USAGE_OR_CONNECTION, e.getMessage(),
                        "start RabbitMQ (rabbitmq-server -detached) or fix --broker-url / " + BrokerOptions.ENV);
            }
            try (BackfillWorker worker = new BackfillWorker(session, broker, id)) {
                Thread hook = new Thread(() -> worker.stop(GRACE_SECONDS), "preflight-worker-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                worker.run(duration == null ? 0 : duration);
                worker.stop(GRACE_SECONDS);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running
                }
            }
        }
        return ExitCode.READY;
    }
}
