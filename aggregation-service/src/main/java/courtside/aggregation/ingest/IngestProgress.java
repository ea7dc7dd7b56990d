package courtside.aggregation.ingest;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the consumers have got: when a batch last went through, and, per partition, the record a batch keeps
 * failing on. Told by the listener (a batch applied), by the error handler (a delivery failed, a record went to
 * the dead-letter topic) and by the consumers' rebalances (a partition went to another consumer); read by the
 * {@code kafka} health indicator, which reports a stall.
 *
 * <p>Spring Boot gives this bean to the listener container as its rebalance listener (the only one).
 */
@Component
final class IngestProgress implements RetryListener, ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(IngestProgress.class);
    /** A failure that lasts is logged at its first attempt, then once every this many attempts. */
    private static final int LOG_EVERY_ATTEMPTS = 10;

    /** The record a batch keeps failing on, since when, and why. */
    record Failing(String topic, int partition, long offset, String reason, Instant since, int attempts) {

        String where() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    private final Clock clock;
    private final Map<TopicPartition, Failing> failing = new ConcurrentHashMap<>();
    private volatile Instant lastAdvanced;

    IngestProgress() {
        this(Clock.systemUTC());
    }

    IngestProgress(Clock clock) {
        this.clock = clock;
        this.lastAdvanced = clock.instant();
    }

    /** A batch of these partitions was applied, and its offsets are about to be committed. */
    void advanced(Collection<TopicPartition> partitions) {
        lastAdvanced = clock.instant();
        for (TopicPartition partition : partitions) {
            Failing was = failing.remove(partition);
            if (was != null) {
                log.info("Stat-line consumption goes on after {} failed attempts at {}", was.attempts(), was.where());
            }
        }
    }

    Instant lastAdvanced() {
        return lastAdvanced;
    }

    /** The record that has been failing longest, if any. */
    Optional<Failing> failing() {
        return failing.values().stream().min(Comparator.comparing(Failing::since));
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
        if (!IngestFailures.transientFailure(failure)) {
            return; // poison: the dead-letter recoverer takes it at once and says so
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Failing now = failing.compute(partition, (key, before) -> new Failing(record.topic(), record.partition(),
                record.offset(), IngestFailures.reason(failure),
                before != null && before.offset() == record.offset() ? before.since() : clock.instant(), attempt));
        if (attempt == 1 || attempt % LOG_EVERY_ATTEMPTS == 0) {
            log.atWarn().addKeyValue("topic", record.topic()).addKeyValue("partition", record.partition())
                    .addKeyValue("offset", record.offset()).addKeyValue("attempt", attempt)
                    .log("Applying stat-line events failed at {} ({}); retrying with backoff, attempt {}, failing for {} s",
                            now.where(), now.reason(), attempt, Duration.between(now.since(), clock.instant()).toSeconds());
        }
    }

    /**
     * A partition taken from this consumer (to another instance, or another consumer here) is no longer its stall:
     * whoever holds it now reports it, if it still fails there. Should it come back here and still fail, its stall is
     * counted again from its next failure.
     */
    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Failing was = failing.remove(partition);
            if (was != null) {
                log.info("No longer failing here: {} was taken from this consumer after {} failed attempts", was.where(),
                        was.attempts());
            }
        }
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        failing.remove(new TopicPartition(record.topic(), record.partition()));
        lastAdvanced = clock.instant();
    }
}
