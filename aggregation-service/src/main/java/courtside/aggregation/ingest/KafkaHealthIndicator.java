package courtside.aggregation.ingest;

import courtside.support.kafka.BrokerReachability;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;


/**
 * Kafka's part of readiness. {@code DEGRADED} when the broker is unreachable, or when the consumer is stalled: it has
 * not got through a batch for {@code courtside.ingest.stall-after} while records wait (lag) or a batch keeps failing
 * (Redis or PostgreSQL down). Degraded, not down: the cached averages are still served, only staler, and they catch
 * up once the cause is gone. The details say how far behind it is and on which record it is stuck.
 *
 * <p>Hand-written because Spring Boot ships no Kafka health indicator; the broker is asked in the background
 * ({@link BrokerReachability}), so that a probe never waits for a dead broker's timeout; the lag is read from the
 * consumers' own metrics, and from the broker (for at most a second) only while a batch is failing.
 */
@Component("kafka")
final class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    static final Status DEGRADED = new Status("DEGRADED", "Kafka unreachable: cached averages are not being updated");
    static final Status STALLED = new Status("DEGRADED", "Stat-line consumer stalled: cached averages are not being updated");

    private final BrokerReachability broker;
    private final KafkaListenerEndpointRegistry listeners;
    private final IngestProgress progress;
    private final Duration stallAfter;
    private static final Duration LAG_TIMEOUT = Duration.ofSeconds(1);
    private final Clock clock = Clock.systemUTC();

    private final Map<String, Object> adminConfig;
    private final String group;
    private final String topic;
    private Admin admin;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners, IngestProgress progress,
                         IngestSettings settings, @Value("${spring.kafka.consumer.group-id}") String group) {
        this.broker = new BrokerReachability(kafkaAdmin.getConfigurationProperties());
        this.adminConfig = kafkaAdmin.getConfigurationProperties();
        this.listeners = listeners;
        this.progress = progress;
        this.stallAfter = settings.stallAfter();
        this.group = group;
        this.topic = settings.topic();
    }

    @Override
    public Health health() {
        Health.Builder health = broker.health(DEGRADED);
        MessageListenerContainer consumer = listeners.getListenerContainer(StatLineListener.ID);
        health.withDetail("consumer_running", consumer != null && consumer.isRunning());
        Instant now = clock.instant();
        Optional<IngestProgress.Failing> failing = progress.failing();
        // While a batch fails its records are fetched already, so the consumers' own lag says 0: the group's
        // committed offsets tell how far behind it really is (asked of the broker only then, and briefly).
        OptionalLong lag = failing.isPresent() ? committedLag() : consumer == null ? OptionalLong.empty() : lag(consumer);
        lag.ifPresent(records -> health.withDetail("lag", records));
        Duration idle = Duration.between(progress.lastAdvanced(), now);
        failing.ifPresent(f -> health.withDetail("failing_offset", f.where()).withDetail("failing_since", f.since().toString())
                .withDetail("failing_attempts", f.attempts()).withDetail("failure", f.reason()));
        boolean stuck = failing.map(f -> Duration.between(f.since(), now).compareTo(stallAfter) >= 0).orElse(false);
        boolean behind = lag.orElse(0) > 0 && idle.compareTo(stallAfter) >= 0;
        if (stuck || behind) {
            health.status(STALLED).withDetail("stalled_for_seconds", failing.map(f -> Duration.between(f.since(), now))
                    .orElse(idle).toSeconds());
        }
        return health.build();
    }

    /**
     * Records on the partitions this instance holds not consumed yet, from the consumers' {@code records-lag} metrics:
     * those of a partition just taken from it by a rebalance may linger, and are not its lag any more.
     */
    private static OptionalLong lag(MessageListenerContainer consumer) {
        Collection<TopicPartition> held = consumer.getAssignedPartitions();
        Set<String> heldTags = new HashSet<>();
        if (held != null) {
            // Kafka tags per-partition metrics with the topic's dots as underscores.
            held.forEach(partition -> heldTags.add(partition.topic().replace('.', '_') + "-" + partition.partition()));
        }
        long lag = 0;
        boolean known = false;
        for (Map<MetricName, ? extends Metric> metrics : consumer.metrics().values()) {
            for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
                MetricName name = metric.getKey();
                if (name.name().equals("records-lag") && name.tags().containsKey("partition")
                        && heldTags.contains(String.valueOf(name.tags().get("topic")).replace('.', '_') + "-" + name.tags().get("partition"))
                        && metric.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                    lag += value.longValue();
                    known = true;
                }
            }
        }
        return known ? OptionalLong.of(lag) : OptionalLong.empty();
    }

    /** Records on the topic that the group has not committed, or nothing when the broker does not answer in time. */
    private synchronized OptionalLong committedLag() {
        try {
            if (admin == null) {
                admin = Admin.create(adminConfig);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(LAG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(LAG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic).partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get(LAG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
            }
            return OptionalLong.of(lag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public synchronized void destroy() {
        broker.close();
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
