package courtside.stats.line;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import courtside.model.BoxScore;
import courtside.model.SeasonType;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A line as stats-service answers it: the wire fields plus its {@code version}, and, in the answer to a
 * {@code POST /log}, what the post did to it. Absent optional fields (the shooting block, plus-minus) are
 * left out rather than sent as {@code null}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredLine(
        String gameId, LocalDate gameDate, String season, SeasonType seasonType, long playerId, String playerName,
        long teamId, String teamAbbreviation, @JsonUnwrapped BoxScore stats, long version, Outcome outcome) {

    static StoredLine of(StatLine line, Outcome outcome) {
        return new StoredLine(line.id().gameId(), line.gameDate(), line.season(), line.seasonType(),
                line.id().playerId(), line.playerName(), line.teamId(), line.teamAbbreviation(), line.stats(),
                line.version(), outcome);
    }

    static StoredLine of(StatLine line) {
        return of(line, null);
    }

    /** What a {@code POST /log} did to one line. */
    public enum Outcome {
        /** A new line, or one posted again after its removal: version 1 or the next after the removal. */
        CREATED,
        /** Different values replaced the stored ones: the version went up by one. */
        CORRECTED,
        /** The same values again: an idempotent retry, no new version and no event. */
        UNCHANGED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
