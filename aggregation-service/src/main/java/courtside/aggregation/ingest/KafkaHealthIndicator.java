package courtside.aggregation.ingest;

import courtside.model.BrokerReachability;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;


/**
 * Kafka's part of readiness. An unreachable broker is {@code DEGRADED}: the cached averages are still served,
 * only staler, and they catch up when the broker returns.
 *
 * <p>Hand-written because Spring Boot ships no Kafka health indicator; the broker is asked in the background
 * ({@link BrokerReachability}), so that a probe never waits for a dead broker's timeout.
 */
@Component("kafka")
final class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    static final Status DEGRADED = new Status("DEGRADED", "Kafka unreachable: cached averages are not being updated");

    private final BrokerReachability broker;
    private final KafkaListenerEndpointRegistry listeners;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners) {
        this.broker = new BrokerReachability(kafkaAdmin.getConfigurationProperties());
        this.listeners = listeners;
    }

    @Override
    public Health health() {
        Health.Builder health = broker.health(DEGRADED);
        var consumer = listeners.getListenerContainer(StatLineListener.ID);
        return health.withDetail("consumer_running", consumer != null && consumer.isRunning()).build();
    }

    @Override
    public void destroy() {
        broker.close();
    }
}
