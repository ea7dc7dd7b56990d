package courtside.aggregation.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a record that can never be applied to the dead-letter topic (its original bytes, key and headers, with the
 * reason in Spring Kafka's {@code kafka_dlt-*} headers), counts it in {@code courtside.dead_letters} and logs it at
 * WARN with the reason, topic, partition and offset.
 */
final class DeadLetters implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final MeterRegistry registry;

    DeadLetters(DeadLetterPublishingRecoverer publisher, MeterRegistry registry) {
        this.publisher = publisher;
        this.registry = registry;
        // Registered at once, so that a dashboard shows 0 rather than nothing.
        counter("none");
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception failure) {
        String reason = IngestFailures.reason(failure);
        log.atWarn().addKeyValue("topic", record.topic()).addKeyValue("partition", record.partition())
                .addKeyValue("offset", record.offset()).addKeyValue("reason", reason)
                .log("Stat-line record {}-{}@{} sent to the dead-letter topic: {}", record.topic(), record.partition(),
                        record.offset(), reason);
        publisher.accept(record, failure);
        counter(kind(failure)).increment();
    }

    private Counter counter(String kind) {
        return Counter.builder("courtside.dead_letters").tag("kind", kind)
                .description("Stat-line records sent to the dead-letter topic, by kind of failure")
                .register(registry);
    }

    /** A small, fixed set of tag values: the poison's kind, or other. */
    private static String kind(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof PoisonEventException poison) {
                return poison.kind().tag();
            }
        }
        return "other";
    }
}
