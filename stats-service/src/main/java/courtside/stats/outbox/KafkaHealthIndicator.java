package courtside.stats.outbox;

import courtside.support.kafka.BrokerReachability;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;


/**
 * Kafka's part of readiness. An unreachable broker is reported as {@code DEGRADED}, not {@code DOWN}:
 * writes keep succeeding into the outbox, so taking the service out of rotation would turn a Kafka outage
 * into a write outage. The outbox backlog shows how far publishing is behind.
 *
 * <p>Hand-written because Spring Boot ships no Kafka health indicator; the broker is asked in the background
 * ({@link BrokerReachability}), since a probe that waited for a dead broker's timeout would itself time out
 * and fail readiness, the very thing {@code DEGRADED} is there to avoid.
 */
@Component("kafka")
final class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    static final Status DEGRADED = new Status("DEGRADED", "Kafka unreachable: accepted lines wait in the outbox");

    private final BrokerReachability broker;
    private final OutboxRelay relay;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, OutboxRelay relay) {
        this.broker = new BrokerReachability(kafkaAdmin.getConfigurationProperties());
        this.relay = relay;
    }

    @Override
    public Health health() {
        Health.Builder health = broker.health(DEGRADED);
        OutboxRelay.Status outbox = relay.status();
        health.withDetail("outbox_backlog", outbox.backlog());
        if (outbox.lastPublishedAt() != null) {
            health.withDetail("last_published_at", outbox.lastPublishedAt().toString());
        }
        if (outbox.lastFailure() != null) {
            health.withDetail("last_publish_failure", outbox.lastFailure());
        }
        return health.build();
    }

    @Override
    public void destroy() {
        broker.close();
    }
}
