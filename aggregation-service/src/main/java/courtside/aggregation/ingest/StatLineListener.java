package courtside.aggregation.ingest;

import courtside.model.StatLineChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The consumer group on the stat-line topic. A batch is acknowledged (its offsets committed) only when the
 * listener returns, that is once Redis holds every event of it.
 */
@Component
public final class StatLineListener {

    /** The listener container's id, for whoever needs to stop or start it (tests, operations). */
    public static final String ID = "stat-line-ingest";
    private static final LogAccessor LOG = new LogAccessor(StatLineListener.class);

    private final LineApplier applier;

    StatLineListener(LineApplier applier) {
        this.applier = applier;
    }

    // idIsGroup = false: the group is spring.kafka.consumer.group-id, not the container id.
    @KafkaListener(id = ID, idIsGroup = false, topics = "${courtside.ingest.topic}")
    void onStatLines(List<ConsumerRecord<String, StatLineChanged>> records) {
        List<StatLineChanged> readable = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, StatLineChanged> record = records.get(i);
            DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(
                    record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            if (unreadable != null || record.value() == null) {
                // Everything before it is applied, so its offset can be committed; the error handler then sends
                // this record to the dead-letter topic and goes on after it.
                apply(readable);
                throw new BatchListenerFailedException("Unreadable stat-line record",
                        unreadable != null ? unreadable : new DeserializationException("the record has no value", null, false, null), i);
            }
            readable.add(record.value());
        }
        apply(readable);
    }

    /**
     * A failure to apply (Redis or PostgreSQL down) is reported against the batch's first record, so the error
     * handler retries the whole batch from there with backoff, for as long as it takes. Never the handler's
     * fallback for unmarked failures: after a retry that meets an unreadable record, it would hand every
     * record of the batch to the dead-letter recoverer.
     */
    private void apply(List<StatLineChanged> readable) {
        try {
            applier.apply(readable);
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("Applying the batch to Redis failed; retrying it", e, 0);
        }
    }
}
