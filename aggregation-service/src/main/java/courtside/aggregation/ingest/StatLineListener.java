package courtside.aggregation.ingest;

import courtside.aggregation.ledger.LineState;
import courtside.model.FieldProblem;
import courtside.model.LineRules;
import courtside.model.StatLineChanged;
import courtside.model.StatLineEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The consumer group on the stat-line topic. A batch is acknowledged (its offsets committed) only when the
 * listener returns, that is once Redis holds every event of it.
 *
 * <p>Each record is read and checked here, with the rules of {@code POST /log}, before anything is applied. A
 * record that can never be applied is reported with its own index in the batch: the error handler commits the
 * records before it (applied here first), sends it to the dead-letter topic at once and delivers the rest again.
 * A failure of Redis or PostgreSQL is reported against the batch's first record and retried with backoff.
 */
@Component
public final class StatLineListener {

    /** The listener container's id, for whoever needs to stop or start it (tests, operations). */
    public static final String ID = "stat-line-ingest";

    private final LineApplier applier;
    private final IngestProgress progress;
    private final StatLineEventCodec codec = new StatLineEventCodec();

    StatLineListener(LineApplier applier, IngestProgress progress) {
        this.applier = applier;
        this.progress = progress;
    }

    // idIsGroup = false: the group is spring.kafka.consumer.group-id, not the container id.
    @KafkaListener(id = ID, idIsGroup = false, topics = "${courtside.ingest.topic}")
    void onStatLines(List<ConsumerRecord<String, byte[]>> records) {
        List<StatLineChanged> readable = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            StatLineChanged event;
            try {
                event = checked(records.get(i).value());
            } catch (PoisonEventException poison) {
                apply(readable);
                throw new BatchListenerFailedException(poison.getMessage(), poison, i);
            }
            readable.add(event);
        }
        apply(readable);
        progress.advanced(records.stream().map(r -> new TopicPartition(r.topic(), r.partition())).distinct().toList());
    }

    /** The record's event, or why it can never be applied. */
    private StatLineChanged checked(byte[] value) {
        if (value == null || value.length == 0) {
            throw new PoisonEventException(PoisonEventException.Kind.UNREADABLE, "the record has no value", null);
        }
        StatLineChanged event;
        try {
            event = codec.read(value);
        } catch (RuntimeException unreadable) {
            throw new PoisonEventException(PoisonEventException.Kind.UNREADABLE, "unreadable stat-line event: " + IngestFailures.reason(unreadable), unreadable);
        }
        List<FieldProblem> problems = LineRules.problemsOf(event);
        if (!problems.isEmpty()) {
            throw new PoisonEventException(PoisonEventException.Kind.INVALID, "invalid stat-line event: " + problems.stream()
                    .map(problem -> problem.field() + " " + problem.message()).collect(Collectors.joining("; ")), null);
        }
        try {
            // What the ledgers store: a value that does not fit (minutes of 1E+400) fails here, not in Redis.
            LineState.of(event).encode();
        } catch (RuntimeException unfit) {
            throw new PoisonEventException(PoisonEventException.Kind.OUT_OF_RANGE, "stat-line event out of range: " + IngestFailures.reason(unfit), unfit);
        }
        return event;
    }

    /**
     * Applies the events of records 0..n-1. A transient failure retries the batch from its first record. Any other
     * failure is looked for one event at a time (applying again is idempotent): the first event that fails alone,
     * and not transiently, is poison and reported with its index; those before it are applied by then.
     */
    private void apply(List<StatLineChanged> events) {
        try {
            applier.apply(events);
            return;
        } catch (RuntimeException failure) {
            if (IngestFailures.transientFailure(failure)) {
                throw new BatchListenerFailedException("Applying the batch failed; retrying it", failure, 0);
            }
        }
        for (int i = 0; i < events.size(); i++) {
            try {
                applier.apply(List.of(events.get(i)));
            } catch (RuntimeException failure) {
                if (IngestFailures.transientFailure(failure)) {
                    throw new BatchListenerFailedException("Applying the batch failed; retrying it", failure, i);
                }
                // The reason in the message, which becomes the dead letter's kafka_dlt-exception-message header.
                PoisonEventException poison = new PoisonEventException(PoisonEventException.Kind.FAILING,
                        "applying the event fails: " + IngestFailures.reason(failure), failure);
                throw new BatchListenerFailedException(poison.getMessage(), poison, i);
            }
        }
    }
}
