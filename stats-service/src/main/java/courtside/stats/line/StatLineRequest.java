package courtside.stats.line;

import courtside.model.BoxScore;
import courtside.model.BoxScoreStat;
import courtside.model.Season;
import courtside.model.SeasonType;
import courtside.model.LineRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;
import java.time.LocalDate;

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
        @NotNull(message = "is required") Integer points,
        @NotNull(message = "is required") Integer rebounds,
        @NotNull(message = "is required") Integer assists,
        @NotNull(message = "is required") Integer steals,
        @NotNull(message = "is required") Integer blocks,
        @NotNull(message = "is required") Integer turnovers,
        @NotNull(message = "is required") Integer fouls,
        @NotNull(message = "is required") BigDecimal minutesPlayed,
        Integer overtimePeriods,
        Integer fgm,
        Integer fga,
        Integer fg3m,
        Integer fg3a,
        Integer ftm,
        Integer fta,
        Integer oreb,
        Integer dreb,
        Integer plusMinus) {

    /**
     * A name is kept in Unicode normalisation form C, so that the same name typed with a combining accent or a
     * precomposed letter is one value, and re-posting it is no change.
     */
    public StatLineRequest {
        playerName = LineRules.normalizedName(playerName);
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
     * The fields stay one by one here, boxed, so that each missing or malformed one is reported by its own name.
     */
    public Number value(BoxScoreStat stat) {
        return switch (stat) {
            case POINTS -> points;
            case REBOUNDS -> rebounds;
            case ASSISTS -> assists;
            case STEALS -> steals;
            case BLOCKS -> blocks;
            case TURNOVERS -> turnovers;
            case FOULS -> fouls;
            case MINUTES_PLAYED -> minutesPlayed;
            case FGM -> fgm;
            case FGA -> fga;
            case FG3M -> fg3m;
            case FG3A -> fg3a;
            case FTM -> ftm;
            case FTA -> fta;
            case OREB -> oreb;
            case DREB -> dreb;
        };
    }

    /** The numbers of a valid line, with the default of no overtime. */
    public BoxScore boxScore() {
        return BoxScore.of(this::value, effectiveOvertimePeriods(), plusMinus);
    }

    public StatLineId id() {
        return new StatLineId(gameId, playerId);
    }
}
