package dev.preflight.cli.command;

import dev.preflight.job.backfill.distributed.DistributedSettings;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;

/**
 * The options of a distributed backfill, shared by {@code backfill --distributed} and
 * {@code worker}: {@code --broker-url} (else {@code PREFLIGHT_BROKER_URL}: the URL holds a
 * password, so CI passes it through the environment), {@code --partitions}, {@code --worker-timeout},
 * {@code --broker-timeout} (seconds).
 */
final class BrokerOptions {

    static final String ENV = "PREFLIGHT_BROKER_URL";

    private BrokerOptions() {
    }

    static DistributedSettings settings(Options options, Console console) {
        String url = options.flag("broker-url") != null ? options.flag("broker-url") : console.env(ENV);
        if (url == null || url.isBlank()) {
            throw PreflightException.config("a distributed backfill needs the broker's URL",
                    "pass --broker-url amqp://user:password@host:5672 or set " + ENV);
        }
        Integer partitions = options.positiveInt("partitions");
        Integer workerTimeout = options.positiveInt("worker-timeout");
        Integer brokerTimeout = options.positiveInt("broker-timeout");
        return new DistributedSettings(url, partitions == null ? 8 : partitions,
                workerTimeout == null ? 30 : workerTimeout, brokerTimeout == null ? 60 : brokerTimeout);
    }
}
