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
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's part of readiness. An unreachable broker is reported as {@code DEGRADED}, not {@code DOWN}:
 * writes keep succeeding into the outbox, so taking the service out of rotation would turn a Kafka outage
 * into a write outage. The outbox backlog shows how far publishing is behind.
 *
 * <p>Hand-written because Spring Boot ships no Kafka health indicator. The broker is asked in the
 * background every few seconds and a probe reads the last answer: a probe that waited for a dead broker's
 * timeout would itself time out and fail readiness, the very thing {@code DEGRADED} is there to avoid.
 */
@Component("kafka")
final class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    static final Status DEGRADED = new Status("DEGRADED", "Kafka unreachable: accepted lines wait in the outbox");
    private static final Duration CHECK_EVERY = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final KafkaAdmin kafkaAdmin;
    private final OutboxRelay relay;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kafka-health").daemon().factory());
    private volatile Admin admin;
    private volatile Reachability last;

    /** The broker's last answer: its cluster id, or why it did not answer. */
    private record Reachability(String clusterId, String error, Instant checkedAt) {
    }

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, OutboxRelay relay) {
        this.kafkaAdmin = kafkaAdmin;
        this.relay = relay;
        checks.scheduleWithFixedDelay(this::check, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Health health() {
        Reachability reachability = last;
        Health.Builder health;
        if (reachability == null) {
            health = Health.unknown().withDetail("reason", "first check of the broker still running");
        } else if (reachability.clusterId() != null) {
            health = Health.up().withDetail("cluster_id", reachability.clusterId());
        } else {
            health = Health.status(DEGRADED).withDetail("error", reachability.error());
        }
        if (reachability != null) {
            health.withDetail("checked_at", reachability.checkedAt().toString());
        }
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

    private void check() {
        try {
            String clusterId = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .clusterId().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            last = new Reachability(clusterId, null, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            last = new Reachability(null, e.getClass().getSimpleName(), Instant.now());
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
