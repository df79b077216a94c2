package dev.preflight.broker;

import dev.preflight.kernel.PreflightException;
import java.net.URI;
import java.util.function.Consumer;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.messaging.MessageChannel;

/**
 * RabbitMQ over AMQP through Spring Integration's AMQP adapters: one durable queue, persistent
 * messages, requests as short text ({@code stepExecutionId stepName}: no Java deserialization of
 * broker input). A worker takes one request at a time (prefetch 1) and acknowledges it when its
 * partition ends, so a busy worker never holds requests another could run.
 */
public final class RabbitBroker implements PartitionBroker {

    /** Seconds to wait for a TCP connection and the AMQP handshake; a dead broker costs at most this per attempt. */
    static final int CONNECT_TIMEOUT_MS = 3000;

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class Infrastructure {
    }

    private final String masked;
    private final String queue;
    private final CachingConnectionFactory connections;
    private final AnnotationConfigApplicationContext context;
    private final IntegrationFlowContext flows;
    private final DirectChannel requests = new DirectChannel();
    private IntegrationFlowContext.IntegrationFlowRegistration inbound;

    public RabbitBroker(String url, String queue) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw PreflightException.config("--broker-url is not a URL: " + mask(url), "use amqp://user:password@host:5672");
        }
        if ((!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme())) || uri.getHost() == null) {
            throw PreflightException.config("--broker-url must be amqp://user:password@host:port[/vhost], not " + mask(url),
                    "for the local RabbitMQ: amqp://guest:guest@127.0.0.1:5672");
        }
        this.masked = mask(url);
        this.queue = queue;
        connections = new CachingConnectionFactory(uri);
        connections.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        connections.setRequestedHeartBeat(10);
        connections.setConnectionNameStrategy(f -> "preflight");
        context = new AnnotationConfigApplicationContext(Infrastructure.class);
        flows = context.getBean(IntegrationFlowContext.class);
        RabbitTemplate template = new RabbitTemplate(connections);
        flows.registration(IntegrationFlow.from(requests)
                .transform(StepExecutionRequest.class, r -> r.getStepExecutionId() + " " + r.getStepName())
                .handle(Amqp.outboundAdapter(template).routingKey(queue))
                .get()).register();
    }

    static String mask(String url) {
        return url == null ? null : url.replaceAll("(://[^:/@]*):[^@/]*@", "$1:****@");
    }

    @Override
    public MessageChannel requests() {
        return requests;
    }

    @Override
    public void ping() {
        try {
            new RabbitAdmin(connections).declareQueue(new Queue(queue, true));
        } catch (RuntimeException e) {
            throw new BrokerUnavailableException("broker " + masked + " unreachable: " + rootMessage(e), e);
        }
    }

    @Override
    public synchronized void consume(Consumer<StepExecutionRequest> handler) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue);
        container.setConcurrentConsumers(1);
        container.setPrefetchCount(1);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false); // a failed hand-over is re-sent by the manager, not looped by the broker
        container.setMissingQueuesFatal(false);
        container.setRecoveryInterval(2000);
        inbound = flows.registration(IntegrationFlow.from(Amqp.inboundAdapter(container))
                .handle(message -> handler.accept(decode(String.valueOf(message.getPayload() instanceof byte[] b
                        ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : message.getPayload()))))
                .get()).register();
    }

    static StepExecutionRequest decode(String text) {
        String[] parts = text.trim().split(" ", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a partition request: " + text);
        }
        return new StepExecutionRequest(parts[1], Long.parseLong(parts[0]));
    }

    @Override
    public synchronized void stopConsuming() {
        if (inbound != null) {
            inbound.stop();
        }
    }

    @Override
    public String describe() {
        return masked;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        context.close();
        connections.destroy();
    }
}
