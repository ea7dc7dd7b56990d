package courtside.stats.line;

import courtside.model.Season;
import courtside.model.SeasonType;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.stream.Stream;

/**
 * One box-score line as a scorekeeping client posts it (DESIGN.md section 2). Every field is boxed so that a
 * missing one is reported by name instead of turning into 0; the rules that span fields are in
 * {@link StatLineRules}.
 */
@ConsistentStatLine
public record StatLineRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "must be 1-32 characters of A-Z, a-z, 0-9, _ or -")
        String gameId,
        @NotNull(message = "is required") LocalDate gameDate,
        String season,
        SeasonType seasonType,
        @NotNull(message = "is required") @Positive(message = "must be a positive integer") Long playerId,
        @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(regexp = "\\P{Cc}*", message = "must not contain control characters") String playerName,
        @NotNull(message = "is required") @Positive(message = "must be a positive integer") Long teamId,
        @Pattern(regexp = "[A-Z]{2,5}", message = "must be 2-5 upper-case letters") String teamAbbreviation,
        @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more") Integer points,
        @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more") Integer rebounds,
        @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more") Integer assists,
        @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more") Integer steals,
        @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more") Integer blocks,
        @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more") Integer turnovers,
        @NotNull(message = "is required")
        @Min(value = 0, message = "must be between 0 and 6")
        @Max(value = 6, message = "must be between 0 and 6: a player fouls out on the sixth")
        Integer fouls,
        @NotNull(message = "is required")
        @DecimalMin(value = "0", message = "must be 0 or more")
        @Digits(integer = 3, fraction = 3, message = "must have at most 3 decimals")
        BigDecimal minutesPlayed,
        @Min(value = 0, message = "must be between 0 and 10") @Max(value = 10, message = "must be between 0 and 10")
        Integer overtimePeriods,
        @Min(value = 0, message = "must be 0 or more") Integer fgm,
        @Min(value = 0, message = "must be 0 or more") Integer fga,
        @Min(value = 0, message = "must be 0 or more") Integer fg3m,
        @Min(value = 0, message = "must be 0 or more") Integer fg3a,
        @Min(value = 0, message = "must be 0 or more") Integer ftm,
        @Min(value = 0, message = "must be 0 or more") Integer fta,
        @Min(value = 0, message = "must be 0 or more") Integer oreb,
        @Min(value = 0, message = "must be 0 or more") Integer dreb,
        Integer plusMinus) {

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

    /** How many of the eight shooting fields are present: 0 or 8 on a valid line. */
    long shootingFieldsPresent() {
        return Stream.of(fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb).filter(v -> v != null).count();
    }

    public boolean hasShooting() {
        return shootingFieldsPresent() == 8;
    }

    public StatLineId id() {
        return new StatLineId(gameId, playerId);
    }
}
