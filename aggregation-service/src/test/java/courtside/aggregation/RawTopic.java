package courtside.aggregation;

import courtside.model.StatLineChanged;
import courtside.model.StatLineEventCodec;
import courtside.stats.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A topic's records as bytes, to deliver some of them again exactly as they were (same key, value and
 * headers): what a producer retry, a redelivery or a replay looks like to the consumer.
 */
final class RawTopic {

    private static final StatLineEventCodec CODEC = new StatLineEventCodec();

    private final String bootstrapServers;
    private final String topic;

    RawTopic(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** Every record whose value is a stat-line event that matches, in partition then offset order. */
    List<ConsumerRecord<String, byte[]>> events(Predicate<StatLineChanged> wanted) {
        return all().stream().filter(r -> {
            try {
                return wanted.test(CODEC.read(r.value()));
            } catch (RuntimeException unreadable) {
                return false;
            }
        }).toList();
    }

    List<ConsumerRecord<String, byte[]>> all() {
        return new TopicReader(bootstrapServers, topic).records();
    }

    /** Appends the records again, in the order given, with their keys, values and headers. */
    void deliverAgain(List<ConsumerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (ConsumerRecord<String, byte[]> record : records) {
                producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()));
            }
            producer.flush();
        }
    }

    void send(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }
}
