package courtside.stats.outbox;

import courtside.model.StatLineChanged;
import courtside.model.StatLineEventCodec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;

/**
 * Writes events into the outbox inside the caller's transaction, so that a line and the event announcing it
 * commit together or not at all. The value is serialized here, once: the row is the Kafka record.
 * Ids come from the table's sequence one insert at a time, so a line's later version always has a larger id
 * than its earlier one (the earlier one committed before the later one could lock the game).
 */
@Component
public final class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO stat_line_outbox (event_id, player_id, event_type, payload) VALUES (?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final StatLineEventCodec codec;
    private final OutboxSignal signal;

    OutboxWriter(JdbcTemplate jdbc, StatLineEventCodec codec, OutboxSignal signal) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.signal = signal;
    }

    /** Appends the events; must run inside a transaction. */
    public void append(List<StatLineChanged> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, events, 500, (ps, event) -> {
            ps.setObject(1, event.eventId());
            ps.setLong(2, event.playerId());
            ps.setString(3, event.eventType());
            ps.setString(4, codec.write(event));
        });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.ring();
            }
        });
    }
}
