package courtside.model;

import java.util.Arrays;
import java.util.List;

/**
 * The stats of a box-score line that season averages are made of, by their wire names. Both services answer
 * averages with these keys, so they are listed once here.
 */
public enum BoxScoreStat {
    POINTS("points", false),
    REBOUNDS("rebounds", false),
    ASSISTS("assists", false),
    STEALS("steals", false),
    BLOCKS("blocks", false),
    TURNOVERS("turnovers", false),
    FOULS("fouls", false),
    /** The only decimal stat: its total is exact decimal minutes, e.g. {@code 62.5}. */
    MINUTES_PLAYED("minutes_played", false),
    FGM("fgm", true),
    FGA("fga", true),
    FG3M("fg3m", true),
    FG3A("fg3a", true),
    FTM("ftm", true),
    FTA("fta", true),
    OREB("oreb", true),
    DREB("dreb", true);

    private static final List<BoxScoreStat> COUNTING = Arrays.stream(values()).filter(s -> !s.shooting).toList();
    private static final List<BoxScoreStat> SHOOTING = Arrays.stream(values()).filter(s -> s.shooting).toList();

    private final String wireName;
    private final boolean shooting;

    BoxScoreStat(String wireName, boolean shooting) {
        this.wireName = wireName;
        this.shooting = shooting;
    }

    /** The JSON field name, which is also the column name in PostgreSQL. */
    public String wireName() {
        return wireName;
    }

    /** Whether the stat belongs to the optional shooting block (all eight or none on a line). */
    public boolean isShooting() {
        return shooting;
    }

    /** The stats every line carries, in wire order. */
    public static List<BoxScoreStat> counting() {
        return COUNTING;
    }

    /** The eight stats of the optional shooting block, in wire order. */
    public static List<BoxScoreStat> shooting() {
        return SHOOTING;
    }
}
