package dev.preflight.broker;

import java.util.function.Consumer;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.messaging.MessageChannel;

/**
 * The seam between a distributed backfill and its message broker: the manager sends Spring Batch
 * {@link StepExecutionRequest}s to {@link #requests()}, workers receive them through
 * {@link #consume}. RabbitMQ ({@link RabbitBroker}) is the one implementation; any Spring
 * Integration channel adapter (JMS, Kafka, Redis) could be another. The broker only carries
 * requests: which partitions are done lives in the job repository, so a lost message costs a
 * re-send, never a row.
 */
public interface PartitionBroker extends AutoCloseable {

    /** Where the manager sends requests; a send fails (never blocks) when the broker is unreachable. */
    MessageChannel requests();

    /** Delivers requests to {@code handler} one at a time, until {@link #stopConsuming()}; a handler's exception drops the request. */
    void consume(Consumer<StepExecutionRequest> handler);

    void stopConsuming();

    /** Throws {@link BrokerUnavailableException} when the broker does not answer within its connect timeout. */
    void ping();

    /** The broker's address with the password masked, for logs and findings. */
    String describe();

    @Override
    void close();

    /** The broker did not answer: the message says where and why, never the password. */
    final class BrokerUnavailableException extends RuntimeException {
        public BrokerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
