package courtside.aggregation.ingest;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's part of readiness. An unreachable broker is {@code DEGRADED}: the cached averages are still served,
 * only staler, and they catch up when the broker returns.
 *
 * <p>Hand-written because Spring Boot ships no Kafka health indicator. The broker is asked in the background
 * every few seconds and a probe reads the last answer, so that a probe never waits for a dead broker's timeout.
 */
@Component("kafka")
final class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    static final Status DEGRADED = new Status("DEGRADED", "Kafka unreachable: cached averages are not being updated");
    private static final Duration CHECK_EVERY = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final KafkaAdmin kafkaAdmin;
    private final KafkaListenerEndpointRegistry listeners;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kafka-health").daemon().factory());
    private volatile Admin admin;
    private volatile Health last = Health.unknown().withDetail("reason", "first check of the broker still running").build();

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners) {
        this.kafkaAdmin = kafkaAdmin;
        this.listeners = listeners;
        checks.scheduleWithFixedDelay(this::check, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Health health() {
        return last;
    }

    private void check() {
        Health.Builder health;
        try {
            String clusterId = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .clusterId().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            health = Health.up().withDetail("cluster_id", clusterId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            health = Health.status(DEGRADED).withDetail("error", e.getClass().getSimpleName());
        }
        var container = listeners.getListenerContainer(StatLineListener.ID);
        health.withDetail("consumer_running", container != null && container.isRunning());
        last = health.withDetail("checked_at", Instant.now().toString()).build();
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
