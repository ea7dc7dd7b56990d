package courtside.stats;

import courtside.model.StatLineChanged;
import courtside.model.StatLineEventCodec;
import courtside.model.StatLineTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/** Reads the whole stat-line topic as it stands, the way a consumer that starts from the beginning would. */
public final class TopicReader {

    private static final StatLineEventCodec CODEC = new StatLineEventCodec();

    private final String bootstrapServers;
    private final String topic;

    public TopicReader(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** One record as it arrived: partition, offset, key, headers and the decoded event. */
    public record Received(int partition, long offset, String key, String eventType, String schemaVersion,
                           StatLineChanged event) {
    }

    /** Every record on the topic whose event matches, in partition then offset order. */
    public List<Received> read(Predicate<StatLineChanged> wanted) {
        List<Received> received = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records()) {
            StatLineChanged event = CODEC.read(record.value());
            if (wanted.test(event)) {
                received.add(new Received(record.partition(), record.offset(), record.key(),
                        header(record, StatLineTopic.EVENT_TYPE_HEADER), header(record, StatLineTopic.SCHEMA_VERSION_HEADER), event));
            }
        }
        return received;
    }

    /** Every record on the topic as it stands, undecoded, in partition then offset order. */
    public List<ConsumerRecord<String, byte[]>> records() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            return records;
        }
    }

    /** The number of partitions of the topic. */
    public int partitions() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            return consumer.partitionsFor(topic, Duration.ofSeconds(10)).size();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
