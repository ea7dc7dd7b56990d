package courtside.stats.line;

import courtside.model.BoxScore;
import courtside.model.BoxScoreStat;
import courtside.model.Season;
import courtside.model.SeasonType;
import courtside.model.LineRules;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One box-score line as a scorekeeping client posts it (docs/design.md section 2). Every field is boxed so that a
 * missing one is reported by name instead of turning into 0; the bounds of each value and the rules that span
 * fields are common-model's {@link courtside.model.LineRules}, checked by {@link StatLineRules}, the same rules
 * the consumer of the events applies.
 */
@ConsistentStatLine
public record StatLineRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = LineRules.GAME_ID_FORMAT, message = "must be 1-32 characters of A-Z, a-z, 0-9, _ or -")
        String gameId,
        @NotNull(message = "is required") LocalDate gameDate,
        String season,
        SeasonType seasonType,
        @NotNull(message = "is required") @Positive(message = "must be a positive integer") Long playerId,
        String playerName,
        @NotNull(message = "is required") @Positive(message = "must be a positive integer") Long teamId,
        @Pattern(regexp = LineRules.TEAM_ABBREVIATION_FORMAT, message = "must be 2-5 upper-case letters") String teamAbbreviation,
        Integer overtimePeriods,
        Integer plusMinus,
        @JsonUnwrapped PostedStats stats) {

    /**
     * A name is kept in Unicode normalisation form C, so that the same name typed with a combining accent or a
     * precomposed letter is one value, and re-posting it is no change.
     */
    public StatLineRequest {
        playerName = LineRules.normalizedName(playerName);
        stats = stats != null ? stats : new PostedStats(Map.of());
    }

    /** The season the line counts for: as given, or derived from the game date. */
    public String effectiveSeason() {
        return season != null ? season : Season.of(gameDate);
    }

    public SeasonType effectiveSeasonType() {
        return seasonType != null ? seasonType : SeasonType.REGULAR;
    }

    public int effectiveOvertimePeriods() {
        return overtimePeriods != null ? overtimePeriods : 0;
    }

    /**
     * One stat as posted, {@code null} when it is missing: an {@link Integer}, or the {@link BigDecimal} minutes.
     * Each stays apart, boxed, so that each missing or malformed one is reported by its own name.
     */
    public Number value(BoxScoreStat stat) {
        return stats.value(stat);
    }

    public Integer points() {
        return (Integer) value(BoxScoreStat.POINTS);
    }

    public Integer rebounds() {
        return (Integer) value(BoxScoreStat.REBOUNDS);
    }

    public BigDecimal minutesPlayed() {
        return (BigDecimal) value(BoxScoreStat.MINUTES_PLAYED);
    }

    /** The numbers of a valid line, with the default of no overtime. */
    public BoxScore boxScore() {
        return BoxScore.of(this::value, effectiveOvertimePeriods(), plusMinus);
    }

    public StatLineId id() {
        return new StatLineId(gameId, playerId);
    }
}
