package courtside.model;

/**
 * How {@link StatLineChanged} events travel on Kafka: the default topic names, the record key and the headers.
 * Records are keyed by {@code player_id} so that a player's changes stay in order on one partition.
 */
public final class StatLineTopic {

    /** Default topic of stat-line events; services read the actual name from configuration. */
    public static final String DEFAULT_NAME = "nba.stat-lines";

    /** Suffix of the dead-letter topic that takes records a consumer cannot read. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    /** The topic needs at least this many partitions so that consumers can scale out. */
    public static final int MIN_PARTITIONS = 6;

    /** Header with the event type, e.g. {@code stat-line.corrected}. */
    public static final String EVENT_TYPE_HEADER = "courtside-event-type";

    /** Header with the schema version of the JSON value, see {@link StatLineChanged#SCHEMA_VERSION}. */
    public static final String SCHEMA_VERSION_HEADER = "courtside-schema-version";

    /** Header with the event id, so that a consumer can log or drop a record without parsing it. */
    public static final String EVENT_ID_HEADER = "courtside-event-id";

    private StatLineTopic() {
    }

    /** The record key of a player's events: the decimal {@code player_id}. */
    public static String key(long playerId) {
        return Long.toString(playerId);
    }
}
