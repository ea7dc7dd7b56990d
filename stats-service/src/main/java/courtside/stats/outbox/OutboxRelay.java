package courtside.stats.outbox;

import courtside.model.StatLineChanged;
import courtside.model.StatLineTopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox records to Kafka in id order and deletes them only after the broker acknowledged them
 * ({@code acks=all}, idempotent producer). While Kafka is unreachable the records simply stay: writes never
 * wait for the broker, and the backlog drains when it returns.
 *
 * <p>One relay publishes at a time across all stats-service instances: each batch runs under a
 * transaction-scoped advisory lock, and the rows are taken {@code FOR UPDATE SKIP LOCKED}. A single publisher
 * keeps each line's versions in order on the topic; several would race each other's batches.
 *
 * <p>A thread of its own rather than {@code @Scheduled}: the loop must run again at once while a backlog
 * drains, wake on a commit, and back off while Kafka is down, which a fixed schedule does not express. The pauses
 * follow Spring's {@link ExponentialBackOff}; not {@code RetryTemplate}, whose sleep a commit cannot cut short
 * (a pause here ends early when {@link OutboxSignal} rings).
 */
@Component
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Advisory lock key of the relay ("courtsid" in ASCII); any constant works as long as all instances share it. */
    private static final long RELAY_LOCK = 0x636F7572747369L;

    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(?)";
    private static final String NEXT_BATCH = """
            SELECT id, player_id, event_id, event_type, payload FROM stat_line_outbox
            ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""";
    private static final String DELETE_PUBLISHED = "DELETE FROM stat_line_outbox WHERE id = ANY(?)";
    private static final String COUNT_BACKLOG = "SELECT count(*) FROM stat_line_outbox";
    private static final String LAST_WRITTEN = "SELECT max(id) FROM stat_line_outbox";
    private static final String ANY_LEFT_UP_TO = "SELECT EXISTS (SELECT 1 FROM stat_line_outbox WHERE id <= ?)";
    private static final Duration PUBLISHED_CHECK = Duration.ofMillis(50);
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(1);
    /** How long to wait for the broker's acknowledgements of one batch; beyond the producer's delivery timeout. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(20);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, String> kafka;
    private final KafkaAdmin admin;
    private final NewTopic topic;
    private final OutboxSettings settings;
    private final OutboxSignal signal;
    private final Counter published;
    private final Counter failures;

    private volatile boolean running;
    private volatile Thread worker;
    private volatile boolean topicReady;
    private volatile long backlog;
    private volatile Instant backlogReadAt = Instant.EPOCH;
    private volatile Instant lastPublishedAt;
    private volatile String lastFailure;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
                KafkaAdmin admin, NewTopic statLineTopic, OutboxSettings settings, OutboxSignal signal,
                MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.admin = admin;
        this.topic = statLineTopic;
        this.settings = settings;
        this.signal = signal;
        this.published = Counter.builder("courtside.outbox.published")
                .description("Outbox records acknowledged by Kafka and removed from the outbox").register(meters);
        this.failures = Counter.builder("courtside.outbox.publish.failures")
                .description("Relay batches that failed and were left in the outbox to retry").register(meters);
        Gauge.builder("courtside.outbox.backlog", this, relay -> relay.backlog)
                .description("Outbox records waiting to be published").register(meters);
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::relayUntilStopped);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            signal.ring();
            try {
                thread.join(ACK_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Below the web server's phases: the relay starts before the first request and stops only after the
     * server has finished its in-flight requests, so their events are not left waiting for the next start.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** What the health endpoint shows about the relay. */
    public Status status() {
        return new Status(backlog, lastPublishedAt, lastFailure);
    }

    /**
     * Waits until every record committed before the call has been published, by whichever instance relays.
     * Records are published in id order, so that is when no record up to the largest id seen now is left.
     *
     * @return whether they were published within {@code timeout}
     */
    public boolean awaitPublished(Duration timeout) throws InterruptedException {
        Long last = jdbc.queryForObject(LAST_WRITTEN, Long.class);
        Instant deadline = Instant.now().plus(timeout);
        while (last != null && Boolean.TRUE.equals(jdbc.queryForObject(ANY_LEFT_UP_TO, Boolean.class, last))) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(PUBLISHED_CHECK);
        }
        return true;
    }

    /**
     * @param backlog         records waiting, as last counted (at most a second old while the relay runs)
     * @param lastPublishedAt when a batch was last acknowledged, {@code null} before the first
     * @param lastFailure     why the last attempt failed, {@code null} once a batch succeeds again
     */
    public record Status(long backlog, Instant lastPublishedAt, String lastFailure) {
    }

    /**
     * The pauses between failed attempts: twice the poll interval, doubling up to {@code maxBackoff}, for as long as
     * Kafka stays away; a success starts over.
     */
    private BackOffExecution newBackOff() {
        long max = settings.maxBackoff().toMillis();
        ExponentialBackOff backOff = new ExponentialBackOff(Math.min(settings.pollInterval().toMillis() * 2, max), 2);
        backOff.setMaxInterval(max);
        return backOff.start();
    }

    private void relayUntilStopped() {
        BackOffExecution backoff = newBackOff();
        while (running) {
            try {
                ensureTopic();
                int count = publishNextBatch();
                refreshBacklog();
                if (lastFailure != null) {
                    log.info("Outbox relay publishing again");
                    lastFailure = null;
                    backoff = newBackOff();
                }
                if (count < settings.batchSize()) {
                    signal.await(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                String reason = rootMessage(e);
                if (lastFailure == null) {
                    log.warn("Outbox relay cannot publish, the records stay in the outbox and are retried: {}", reason);
                } else {
                    log.debug("Outbox relay still cannot publish: {}", reason);
                }
                lastFailure = reason;
                refreshBacklog();
                try {
                    signal.await(Duration.ofMillis(backoff.nextBackOff()));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Publishes one batch in one transaction; 0 when there is nothing to do or another instance holds the lock. */
    int publishNextBatch() {
        Integer count = transactions.execute(tx -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject(TRY_LOCK, Boolean.class, RELAY_LOCK))) {
                return 0;
            }
            List<PendingRecord> batch = jdbc.query(NEXT_BATCH, (rs, row) -> new PendingRecord(rs.getLong("id"),
                    rs.getLong("player_id"), rs.getString("event_id"), rs.getString("event_type"),
                    rs.getString("payload")), settings.batchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            awaitAcknowledgements(send(batch));
            Long[] ids = batch.stream().map(PendingRecord::id).toArray(Long[]::new);
            jdbc.update(DELETE_PUBLISHED, ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids)));
            return batch.size();
        });
        int published = count == null ? 0 : count;
        if (published > 0) {
            this.published.increment(published);
            lastPublishedAt = Instant.now();
        }
        return published;
    }

    private List<CompletableFuture<SendResult<String, String>>> send(List<PendingRecord> batch) {
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(batch.size());
        for (PendingRecord pending : batch) {
            CompletableFuture<SendResult<String, String>> send = kafka.send(pending.toProducerRecord(settings.topic()));
            // A send that failed at once (no metadata while the broker is down) fails the whole batch:
            // trying the rest would only wait out the same timeout for every record.
            if (send.isCompletedExceptionally()) {
                send.join();
            }
            sends.add(send);
        }
        return sends;
    }

    private static void awaitAcknowledgements(List<CompletableFuture<SendResult<String, String>>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch within " + ACK_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    /**
     * Creates the topic, or adds partitions up to the configured count (never removes any), as soon as Kafka
     * is reachable: at startup, or when the broker first answers. Until then nothing is published.
     */
    private void ensureTopic() {
        if (!topicReady) {
            admin.createOrModifyTopics(topic);
            topicReady = true;
            log.info("Topic {} ready with at least {} partitions", topic.name(), topic.numPartitions());
        }
    }

    /** At most once a second: counting a large backlog after every batch would slow its draining down. */
    private void refreshBacklog() {
        Instant now = Instant.now();
        if (now.isBefore(backlogReadAt.plus(BACKLOG_REFRESH))) {
            return;
        }
        try {
            Long count = jdbc.queryForObject(COUNT_BACKLOG, Long.class);
            backlog = count == null ? 0 : count;
            backlogReadAt = now;
        } catch (RuntimeException e) {
            log.debug("Cannot count the outbox backlog: {}", rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private record PendingRecord(long id, long playerId, String eventId, String eventType, String payload) {

        ProducerRecord<String, String> toProducerRecord(String topic) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, StatLineTopic.key(playerId), payload);
            record.headers().add(StatLineTopic.EVENT_TYPE_HEADER, eventType.getBytes(StandardCharsets.UTF_8));
            record.headers().add(StatLineTopic.SCHEMA_VERSION_HEADER,
                    Integer.toString(StatLineChanged.SCHEMA_VERSION).getBytes(StandardCharsets.UTF_8));
            record.headers().add(StatLineTopic.EVENT_ID_HEADER, eventId.getBytes(StandardCharsets.UTF_8));
            return record;
        }
    }
}
