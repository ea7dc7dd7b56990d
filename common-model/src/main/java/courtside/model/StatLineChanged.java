package courtside.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A box-score line changed: one player's full line in one game as it stands after the change, with the
 * line's new {@code version}. Never a delta: a consumer that keeps the last applied version and values of
 * each line {@code (game_id, player_id)} can apply events idempotently and in any order, since a version
 * at or below the stored one is a duplicate or stale.
 *
 * <p>A {@link Change#REMOVED removal} carries the values of the line that was removed, so that a consumer
 * which missed earlier versions still knows which team and season the line counted for.
 *
 * <p>The numbers of the line are its {@link BoxScore}, flat among the other fields on the wire; there the shooting
 * block ({@code fgm} … {@code dreb}) is either complete or entirely {@code null}. {@code player_name} and
 * {@code team_abbreviation} may be {@code null}.
 */
@JsonIgnoreProperties(value = "deleted", allowGetters = true)
public record StatLineChanged(
        UUID eventId,
        Change change,
        long version,
        Instant occurredAt,
        String gameId,
        LocalDate gameDate,
        String season,
        SeasonType seasonType,
        long playerId,
        String playerName,
        long teamId,
        String teamAbbreviation,
        @JsonUnwrapped BoxScore stats) {

    /** Version of this JSON shape, sent in the {@link StatLineTopic#SCHEMA_VERSION_HEADER} header. */
    public static final int SCHEMA_VERSION = 1;

    public StatLineChanged {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(gameId, "game_id");
        Objects.requireNonNull(gameDate, "game_date");
        Objects.requireNonNull(season, "season");
        Objects.requireNonNull(seasonType, "season_type");
        Objects.requireNonNull(stats, "stats");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    /** Whether the line no longer counts anywhere: every aggregate drops it. */
    @JsonProperty("deleted")
    public boolean deleted() {
        return change == Change.REMOVED;
    }

    /** The event type sent in the {@link StatLineTopic#EVENT_TYPE_HEADER} header, e.g. {@code stat-line.corrected}. */
    public String eventType() {
        return change.eventType();
    }

    /** What happened to the line. */
    public enum Change {
        /** The first version of a line (or the first after a removal). */
        RECORDED,
        /** A line replaced by different values: a live game's running line or a scorer's fix. */
        CORRECTED,
        /** A line taken back: it counts nowhere any more. */
        REMOVED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The event type header value, e.g. {@code stat-line.recorded}. */
        public String eventType() {
            return "stat-line." + wireName();
        }

        @JsonCreator
        public static Change fromWireName(String wireName) {
            for (Change change : values()) {
                if (change.wireName().equals(wireName)) {
                    return change;
                }
            }
            throw new IllegalArgumentException("unknown change: " + wireName);
        }
    }
}
