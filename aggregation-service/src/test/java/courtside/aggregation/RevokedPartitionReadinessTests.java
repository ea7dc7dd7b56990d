package courtside.aggregation;

import courtside.aggregation.ingest.StatLineListener;
import courtside.embedded.EmbeddedStack;
import courtside.model.StatLineTopic;
import courtside.stats.ManagementClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness speaks for the partitions this instance holds. A partition whose batch keeps failing here, then moved to
 * another instance by a rebalance (one joined the group), is no longer this instance's stall: its readiness must not
 * go on reporting it, or a load balancer would keep a healthy instance out for a partition it does not consume.
 */
@AggregationServiceTest
class RevokedPartitionReadinessTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Pipeline pipeline;
    @Autowired
    ManagementClient management;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aStallOnAPartitionThatMovedToAnotherInstanceLeavesThisInstancesReadiness() {
        SyntheticSeason season = SyntheticSeason.starting(1984);
        List<Map<String, Object>> lines = season.linesOfFirstGames(4);
        Object stuck = lines.getFirst().get("player_id");
        // One player's lines: keyed by him, all on one partition.
        List<Map<String, Object>> hisLines = lines.stream().filter(line -> line.get("player_id").equals(stuck)).toList();
        pipeline.post(lines.stream().filter(line -> !hisLines.contains(line)).toList(), 50);
        pipeline.awaitQuiet();

        EmbeddedStack.shared().redis().stop();
        GroupJoiner joiner = null;
        try {
            pipeline.post(hisLines, 50);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode kafka = kafkaReadiness();
                assertThat(kafka.get("status").asString()).as("readiness of Kafka: %s", kafka).isEqualTo("DEGRADED");
                assertThat(kafka.get("details").get("failing_offset").asString()).startsWith(StatLineTopic.DEFAULT_NAME + "-");
            });

            // Another instance joins the group and takes every partition, the failing one with them.
            joiner = new GroupJoiner(pipeline.bootstrapServers(), StatLineTopic.MIN_PARTITIONS);
            GroupJoiner other = joiner;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    other.assigned().size() == StatLineTopic.MIN_PARTITIONS
                            && listeners.getListenerContainer(StatLineListener.ID).getAssignedPartitions().isEmpty());

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode kafka = kafkaReadiness();
                assertThat(kafka.get("status").asString()).as("readiness of Kafka with no partition held: %s", kafka).isEqualTo("UP");
                assertThat(kafka.get("details").has("failing_offset")).as("details: %s", kafka).isFalse();
            });
        } finally {
            EmbeddedStack.shared().redis().start();
            if (joiner != null) {
                joiner.leave();
            }
        }

        pipeline.awaitQuiet();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(kafkaReadiness().get("status").asString()).isEqualTo("UP"));
        pipeline.assertWholeCacheEqualsSql();
    }

    private JsonNode kafkaReadiness() {
        return JSON.readTree(management.http().get().uri("/actuator/health/readiness").exchange()
                .returnResult(String.class).getResponseBody()).get("components").get("kafka");
    }

    /**
     * Consumers of the service's group, as a second instance's would be, that read and never commit: their client
     * ids sort before the service's ({@code consumer-...}), so the group's range assignor hands them every partition
     * while there are at least as many of them as partitions.
     */
    private static final class GroupJoiner {

        private final List<Thread> threads = new ArrayList<>();
        private final List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
        private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
        private volatile boolean running = true;

        GroupJoiner(String bootstrapServers, int members) {
            for (int i = 0; i < members; i++) {
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG, Pipeline.GROUP,
                        ConsumerConfig.CLIENT_ID_CONFIG, "0-joining-instance-" + i,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                consumers.add(consumer);
                threads.add(Thread.ofPlatform().name("joining-instance-" + i).start(() -> pollUntilLeaving(consumer)));
            }
        }

        Set<TopicPartition> assigned() {
            return assigned;
        }

        private void pollUntilLeaving(KafkaConsumer<byte[], byte[]> consumer) {
            try (consumer) {
                consumer.subscribe(List.of(StatLineTopic.DEFAULT_NAME), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        assigned.removeAll(partitions);
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        assigned.addAll(partitions);
                    }
                });
                while (running) {
                    consumer.poll(Duration.ofMillis(200));
                }
            } catch (WakeupException leaving) {
                // left the group
            }
        }

        /** Leaves the group (without committing), so that the partitions go back to the service. */
        void leave() {
            running = false;
            consumers.forEach(KafkaConsumer::wakeup);
            for (Thread thread : threads) {
                try {
                    thread.join(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
