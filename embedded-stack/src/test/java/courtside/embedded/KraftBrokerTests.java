package courtside.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KraftBrokerTests {

    private static final String TOPIC = "box-scores";
    private static final int PARTITIONS = 6;

    @TempDir
    Path logDir;

    @Test
    void keepsTopicsAndRecordsAcrossTwoStopsAndStartsOnTheSamePort() throws Exception {
        try (KraftBroker kafka = KraftBroker.start(0, logDir)) {
            String bootstrapServers = kafka.bootstrapServers();
            createTopic(bootstrapServers, TOPIC, PARTITIONS);
            produce(bootstrapServers, "before-first-outage");

            kafka.stop();
            kafka.start();

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
            assertThat(partitionCount(bootstrapServers, TOPIC)).isEqualTo(PARTITIONS);
            produce(bootstrapServers, "after-first-outage");

            kafka.stop();
            kafka.start();

            assertThat(consumeAll(bootstrapServers, 2 * PARTITIONS))
                    .hasSize(2 * PARTITIONS)
                    .containsOnly("before-first-outage", "after-first-outage")
                    .containsSubsequence("before-first-outage", "after-first-outage");
        }
    }

    @Test
    void aNewBrokerOnAnExistingLogDirectoryFindsTheEarlierTopicsAndRecords() throws Exception {
        try (KraftBroker first = KraftBroker.start(0, logDir)) {
            createTopic(first.bootstrapServers(), TOPIC, PARTITIONS);
            produce(first.bootstrapServers(), "from-the-last-run");
        }

        try (KraftBroker second = KraftBroker.start(0, logDir)) {
            assertThat(partitionCount(second.bootstrapServers(), TOPIC)).isEqualTo(PARTITIONS);
            assertThat(consumeAll(second.bootstrapServers(), PARTITIONS)).hasSize(PARTITIONS).containsOnly("from-the-last-run");
        }
        assertThat(logDir.resolve("meta.properties")).as("a caller's log directory is kept").exists();
    }

    @Test
    void clientsFindTheBrokerUnavailableWhileItIsStopped() {
        try (KraftBroker kafka = KraftBroker.start(0, null)) {
            kafka.stop();

            assertThat(kafka.isRunning()).isFalse();
            assertThat(Sockets.accepts(kafka.port())).isFalse();
            assertThat(Sockets.accepts(kafka.controllerPort())).isFalse();
            try (Admin admin = admin(kafka.bootstrapServers())) {
                assertThatThrownBy(() -> admin.listTopics(new ListTopicsOptions().timeoutMs(1_000)).names().get())
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TimeoutException.class);
            }
        }
    }

    @Test
    void doesNotCreateATopicWhenAClientFirstUsesIt() throws Exception {
        try (KraftBroker kafka = KraftBroker.start(0, null);
             KafkaProducer<String, String> producer = producer(kafka.bootstrapServers(), Duration.ofSeconds(1))) {

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("undeclared", "key", "value")).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);

            try (Admin admin = admin(kafka.bootstrapServers())) {
                assertThat(admin.listTopics().names().get()).doesNotContain("undeclared");
            }
        }
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    private static void createTopic(String bootstrapServers, String topic, int partitions) throws Exception {
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private static int partitionCount(String bootstrapServers, String topic) throws Exception {
        try (Admin admin = admin(bootstrapServers)) {
            return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers, Duration maxBlock) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000),
                new StringSerializer(), new StringSerializer());
    }

    /** One record into each partition, so a restart has to bring every partition back. */
    private static void produce(String bootstrapServers, String value) throws Exception {
        try (KafkaProducer<String, String> producer = producer(bootstrapServers, Duration.ofSeconds(10))) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                producer.send(new ProducerRecord<>(TOPIC, partition, "game-" + partition, value)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Record values in offset order per partition, read from the beginning without a consumer group. */
    private static List<String> consumeAll(String bootstrapServers, int expected) {
        List<TopicPartition> partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> consumed : consumer.poll(Duration.ofMillis(200))) {
                    values.add(consumed.value());
                }
            }
        }
        return values;
    }
}
