package courtside.stats.outbox;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's part of readiness. An unreachable broker is reported as {@code DEGRADED}, not {@code DOWN}:
 * writes keep succeeding into the outbox, so taking the service out of rotation would turn a Kafka outage
 * into a write outage. The outbox backlog shows how far publishing is behind. Hand-written because Spring
 * Boot ships no Kafka health indicator.
 */
@Component("kafka")
final class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    static final Status DEGRADED = new Status("DEGRADED", "Kafka unreachable: accepted lines wait in the outbox");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final KafkaAdmin kafkaAdmin;
    private final OutboxRelay relay;
    private volatile Admin admin;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, OutboxRelay relay) {
        this.kafkaAdmin = kafkaAdmin;
        this.relay = relay;
    }

    @Override
    public Health health() {
        OutboxRelay.Status outbox = relay.status();
        Health.Builder health;
        try {
            String clusterId = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .clusterId().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            health = Health.up().withDetail("cluster_id", clusterId);
        } catch (Exception e) {
            health = Health.status(DEGRADED).withDetail("error", e.getClass().getSimpleName());
        }
        health.withDetail("outbox_backlog", outbox.backlog());
        if (outbox.lastPublishedAt() != null) {
            health.withDetail("last_published_at", outbox.lastPublishedAt().toString());
        }
        if (outbox.lastFailure() != null) {
            health.withDetail("last_publish_failure", outbox.lastFailure());
        }
        return health.build();
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafkaAdmin.getConfigurationProperties());
                }
                current = admin;
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
