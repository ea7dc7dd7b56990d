package courtside.aggregation.ingest;

import courtside.model.StatLineTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.HashSet;

/**
 * {@code /actuator/deadletters}: how many dead-letter records wait to be re-driven ({@code GET}), and re-driving them
 * ({@code POST}) once the cause is fixed (a new release that reads them, a rule that was too strict): each record
 * goes back onto the stat-line topic as it came, same key, value and headers, without the dead-letter headers.
 * Applying an event is idempotent by its line version, so a record re-driven twice, or one whose line has moved on
 * since, changes nothing; a record still poisonous goes to the dead-letter topic again, after the ones re-driven.
 *
 * <p>What was re-driven is remembered as the committed offsets of a consumer group of its own
 * ({@code <group>.redrive}); a re-drive takes the records up to the end the topic had when it started, so it ends
 * even while new dead letters arrive. One re-drive at a time in this instance.
 */
@Component
@Endpoint(id = "deadletters")
final class DeadLetterEndpoint {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterEndpoint.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** A re-drive that cannot reach the broker gives up rather than hold the request forever. */
    private static final Duration REDRIVE_TIMEOUT = Duration.ofMinutes(2);

    private final ConsumerFactory<?, ?> consumers;
    private final KafkaOperations<Object, Object> kafka;
    private final String topic;
    private final String deadLetterTopic;
    private final ReentrantLock redriving = new ReentrantLock();

    DeadLetterEndpoint(ConsumerFactory<?, ?> consumers, KafkaOperations<Object, Object> kafka, IngestSettings settings) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.topic = settings.topic();
        this.deadLetterTopic = settings.topic() + StatLineTopic.DEAD_LETTER_SUFFIX;
    }

    /** What {@code GET} answers: dead letters not re-driven yet, in all and by partition. */
    record Pending(String topic, long pending, Map<Integer, Long> partitions) {
    }

    /** What a re-drive did. */
    record Redriven(String outcome, long redriven, String to) {
    }

    @ReadOperation
    Pending pending() {
        try (Consumer<?, ?> consumer = consumer()) {
            Map<TopicPartition, Long> from = startOffsets(consumer);
            Map<TopicPartition, Long> ends = consumer.endOffsets(from.keySet());
            Map<Integer, Long> partitions = new TreeMap<>();
            from.forEach((partition, start) -> partitions.put(partition.partition(), Math.max(0, ends.get(partition) - start)));
            return new Pending(deadLetterTopic, partitions.values().stream().mapToLong(Long::longValue).sum(), partitions);
        }
    }

    @WriteOperation
    Redriven redrive() {
        if (!redriving.tryLock()) {
            return new Redriven("already running", 0, topic);
        }
        try (Consumer<?, ?> consumer = consumer()) {
            Map<TopicPartition, Long> positions = startOffsets(consumer);
            Map<TopicPartition, Long> ends = consumer.endOffsets(positions.keySet());
            consumer.assign(positions.keySet());
            positions.forEach(consumer::seek);
            long redriven = 0;
            long deadline = System.nanoTime() + REDRIVE_TIMEOUT.toNanos();
            while (positions.entrySet().stream().anyMatch(p -> p.getValue() < ends.get(p.getKey()))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("re-drive not done after %s: %d records re-driven, the rest wait"
                            .formatted(REDRIVE_TIMEOUT, redriven));
                }
                List<CompletableFuture<?>> sent = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<?, ?> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(partition)) {
                        continue; // a dead letter newer than this re-drive: the next one takes it
                    }
                    sent.add(kafka.send(new ProducerRecord<>(topic, null, record.key(), record.value(), originalHeaders(record))));
                    positions.put(partition, record.offset() + 1);
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    redriven++;
                }
                awaitSent(sent);
                if (!done.isEmpty()) {
                    consumer.commitSync(done);
                }
                // Partitions whose remaining records were all newer: nothing more to take there.
                positions.replaceAll((partition, position) -> Math.max(position, Math.min(consumer.position(partition), ends.get(partition))));
            }
            log.info("Re-drove {} dead-letter records from {} onto {}", redriven, deadLetterTopic, topic);
            return new Redriven("redriven", redriven, topic);
        } finally {
            redriving.unlock();
        }
    }

    /** Where this group's re-drive goes on from on each partition: its committed offset, else the beginning. */
    private Map<TopicPartition, Long> startOffsets(Consumer<?, ?> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic).stream()
                .map(info -> new TopicPartition(deadLetterTopic, info.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            from.put(partition, Math.max(beginnings.get(partition), offset == null ? 0 : offset.offset()));
        }
        return from;
    }

    private Consumer<?, ?> consumer() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        String group = String.valueOf(consumers.getConfigurationProperties().get(ConsumerConfig.GROUP_ID_CONFIG)) + ".redrive";
        return consumers.createConsumer(group, "dead-letter-redrive", null, overrides);
    }

    /** The record's headers as stats-service sent them: without those the dead-letter publisher added. */
    private static RecordHeaders originalHeaders(ConsumerRecord<?, ?> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(KafkaHeaders.PREFIX + "dlt-")) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static void awaitSent(List<CompletableFuture<?>> sent) {
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while re-driving dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the stat-line topic did not take the re-driven records", e);
        }
    }
}
