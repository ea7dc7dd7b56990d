package courtside.support.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the Kafka cluster answers, asked in the background every few seconds, so that a health probe reads
 * the last answer and never waits for a dead broker's timeout (a probe that waited would itself time out).
 * Both services build their Kafka health from it; Spring Boot ships no Kafka health indicator.
 *
 * <p>A thread of its own rather than {@code @Scheduled} (how the services run their other periodic work): a check
 * may block for its whole timeout while the broker is down, which must not hold up the services' scheduled purges
 * on Spring's one scheduler thread, and this shared piece cannot assume its user enabled scheduling.
 */
public final class BrokerReachability implements AutoCloseable {

    private static final Duration CHECK_EVERY = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, Object> adminConfiguration;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kafka-health").daemon().factory());
    private volatile Admin admin;
    private volatile Answer last;

    /**
     * The broker's last answer.
     *
     * @param clusterId the cluster's id when it answered, else {@code null}
     * @param error     why it did not answer (an exception's simple name), else {@code null}
     */
    private record Answer(String clusterId, String error, Instant checkedAt) {

        boolean reachable() {
            return clusterId != null;
        }
    }

    /** Starts checking at once, with a Kafka admin client of this configuration. */
    public BrokerReachability(Map<String, Object> adminConfiguration) {
        this.adminConfiguration = Map.copyOf(adminConfiguration);
        checks.scheduleWithFixedDelay(this::check, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The last answer as a health: up with the cluster id, {@code whenUnreachable} with the error, unknown
     * before the first check; with the time of the check.
     */
    public Health.Builder health(Status whenUnreachable) {
        Answer answer = last;
        if (answer == null) {
            return Health.unknown().withDetail("reason", "first check of the broker still running");
        }
        Health.Builder health = answer.reachable()
                ? Health.up().withDetail("cluster_id", answer.clusterId())
                : Health.status(whenUnreachable).withDetail("error", answer.error());
        return health.withDetail("checked_at", answer.checkedAt().toString());
    }

    private void check() {
        try {
            String clusterId = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .clusterId().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            last = new Answer(clusterId, null, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            last = new Answer(null, e.getClass().getSimpleName(), Instant.now());
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfiguration);
        }
        return admin;
    }

    @Override
    public void close() {
        checks.shutdownNow();
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
