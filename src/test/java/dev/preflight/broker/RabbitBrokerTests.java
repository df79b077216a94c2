package dev.preflight.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import org.junit.jupiter.api.Test;
import org.springframework.batch.integration.partition.StepExecutionRequest;

class RabbitBrokerTests {

    @Test
    void masksThePasswordOfTheUrl() {
        assertThat(RabbitBroker.mask("amqp://guest:s3cr%40t@rabbit:5672/vh")).isEqualTo("amqp://guest:****@rabbit:5672/vh");
        assertThat(RabbitBroker.mask("amqp://rabbit:5672")).isEqualTo("amqp://rabbit:5672");
    }

    @Test
    void decodesARequestAsSent() {
        StepExecutionRequest r = RabbitBroker.decode("42 backfillWorkerStep");
        assertThat(r.getStepExecutionId()).isEqualTo(42L);
        assertThat(r.getStepName()).isEqualTo("backfillWorkerStep");
        assertThatThrownBy(() -> RabbitBroker.decode("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAUrlThatIsNotAmqpWithoutPrintingItsPassword() {
        assertThatThrownBy(() -> new RabbitBroker("http://u:secret@host:5672", "q"))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("amqp://").hasMessageNotContaining("secret");
    }
}
