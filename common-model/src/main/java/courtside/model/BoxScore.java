package courtside.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import tools.jackson.databind.annotation.JsonSerialize;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The numbers of one box-score line: every {@link BoxScoreStat}, the overtime periods its minutes are bounded by,
 * and the plus-minus. The one value that the request, the stored row, the event and the answer of a line carry;
 * code that handles every stat loops over {@link BoxScoreStat#values()} with {@link #value} and {@link #of} instead
 * of naming them, so that a new stat is an enum entry, a component here and a migration.
 *
 * <p>The shooting block ({@code fgm} … {@code dreb}) is all eight values or all {@code null}; the value does not
 * enforce it because an event from the wire must stay readable to be reported ({@link LineRules#shootingProblems}).
 * {@code plus_minus} may be {@code null}.
 *
 * <p>On the wire the value is flat: its fields sit among the line's own ({@code @JsonUnwrapped}), in the order of
 * the components, written by {@link BoxScoreJson}. In stats-service's entity it is embedded, one column per component.
 */
@Embeddable
@JsonSerialize(using = BoxScoreJson.class)
public record BoxScore(
        int points,
        int rebounds,
        int assists,
        int steals,
        int blocks,
        int turnovers,
        int fouls,
        @Column(precision = 6, scale = 3) BigDecimal minutesPlayed,
        int overtimePeriods,
        Integer fgm,
        Integer fga,
        Integer fg3m,
        Integer fg3a,
        Integer ftm,
        Integer fta,
        Integer oreb,
        Integer dreb,
        Integer plusMinus) {

    private static final String OVERTIME_PERIODS = "overtime_periods";
    private static final String PLUS_MINUS = "plus_minus";
    private static final List<String> FIELD_NAMES = Stream.of(
                    BoxScoreStat.counting().stream().map(BoxScoreStat::wireName), Stream.of(OVERTIME_PERIODS),
                    BoxScoreStat.shooting().stream().map(BoxScoreStat::wireName), Stream.of(PLUS_MINUS))
            .flatMap(names -> names).toList();

    public BoxScore {
        Objects.requireNonNull(minutesPlayed, "minutes_played");
    }

    /**
     * The wire names of the fields, in wire order: the counting stats, {@code minutes_played},
     * {@code overtime_periods}, the shooting block, {@code plus_minus}. They are also the columns of
     * {@code stat_line}.
     */
    public static List<String> fieldNames() {
        return FIELD_NAMES;
    }

    /**
     * The fields by wire name, in the order of {@link #fieldNames()}: {@link Integer}s, the {@link BigDecimal}
     * minutes, {@code null} for a field the line does not have.
     */
    public SequencedMap<String, Number> fields() {
        SequencedMap<String, Number> fields = new LinkedHashMap<>();
        BoxScoreStat.counting().forEach(stat -> fields.put(stat.wireName(), value(stat)));
        fields.put(OVERTIME_PERIODS, overtimePeriods);
        BoxScoreStat.shooting().forEach(stat -> fields.put(stat.wireName(), value(stat)));
        fields.put(PLUS_MINUS, plusMinus);
        return fields;
    }

    /**
     * A line from its stats, read one by one: {@code stats} gives an {@link Integer} for every stat but
     * {@link BoxScoreStat#MINUTES_PLAYED}, a {@link BigDecimal} for that one, {@code null} for a shooting stat the
     * line does not have.
     */
    public static BoxScore of(Function<BoxScoreStat, ? extends Number> stats, int overtimePeriods, Integer plusMinus) {
        Function<BoxScoreStat, Integer> count = stat -> (Integer) stats.apply(stat);
        return new BoxScore(count.apply(BoxScoreStat.POINTS), count.apply(BoxScoreStat.REBOUNDS),
                count.apply(BoxScoreStat.ASSISTS), count.apply(BoxScoreStat.STEALS), count.apply(BoxScoreStat.BLOCKS),
                count.apply(BoxScoreStat.TURNOVERS), count.apply(BoxScoreStat.FOULS),
                (BigDecimal) stats.apply(BoxScoreStat.MINUTES_PLAYED), overtimePeriods,
                count.apply(BoxScoreStat.FGM), count.apply(BoxScoreStat.FGA), count.apply(BoxScoreStat.FG3M),
                count.apply(BoxScoreStat.FG3A), count.apply(BoxScoreStat.FTM), count.apply(BoxScoreStat.FTA),
                count.apply(BoxScoreStat.OREB), count.apply(BoxScoreStat.DREB), plusMinus);
    }

    /**
     * One stat of the line: an {@link Integer}, or the {@link BigDecimal} minutes for
     * {@link BoxScoreStat#MINUTES_PLAYED}; {@code null} for a shooting stat of a line without the shooting block.
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

    /** Whether the line carries the shooting block (a valid line has all eight values or none). */
    public boolean hasShooting() {
        return fgm != null;
    }

    /**
     * Whether the two lines have the same numbers: minutes compared by value ({@code 30.5} is {@code 30.500}, as
     * PostgreSQL's {@code numeric(6,3)} stores it), everything else exactly.
     */
    public boolean sameAs(BoxScore other) {
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            Number mine = value(stat);
            Number theirs = other.value(stat);
            boolean same = mine instanceof BigDecimal decimal && theirs instanceof BigDecimal otherDecimal
                    ? decimal.compareTo(otherDecimal) == 0
                    : Objects.equals(mine, theirs);
            if (!same) {
                return false;
            }
        }
        return overtimePeriods == other.overtimePeriods && Objects.equals(plusMinus, other.plusMinus);
    }
}
