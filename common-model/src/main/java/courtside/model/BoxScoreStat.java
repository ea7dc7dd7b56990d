package courtside.model;

import java.util.Arrays;
import java.util.List;

/**
 * The stats of a box-score line that season averages are made of, by their wire names. Both services answer
 * averages with these keys, so they are listed once here.
 *
 * <p>Each stat has a realistic upper bound ({@link #maximum()}): the single-game record of the NBA with headroom,
 * so that no real line is ever refused while a value such as {@code 2147483647} cannot reach a sum, a histogram
 * or a Redis line state. The lower bound of every stat is 0. POST /log validation, the {@code stat_line} CHECKs
 * (migration V4) and the consumer's {@link LineRules#problemsOf} all use these numbers.
 */
public enum BoxScoreStat {
    /** Record 100 (Wilt Chamberlain, 1962); next best 81 (Kobe Bryant, 2006). */
    POINTS("points", false, 150),
    /** Record 55 (Wilt Chamberlain, 1960). Lines before 1973-74 have no oreb/dreb split, so this bound stands alone. */
    REBOUNDS("rebounds", false, 80),
    /** Record 30 (Scott Skiles, 1990). */
    ASSISTS("assists", false, 50),
    /** Record 11 (Larry Kenon, 1976; Kendall Gill, 1999). */
    STEALS("steals", false, 20),
    /** Record 17 (Elmore Smith, 1973). */
    BLOCKS("blocks", false, 25),
    /** Record 14 (John Drew, 1978; Jason Kidd, 2000). */
    TURNOVERS("turnovers", false, 25),
    /** A player fouls out on the sixth: no headroom, this is the rule of the game. */
    FOULS("fouls", false, 6),
    /**
     * The only decimal stat: its total is exact decimal minutes, e.g. {@code 62.5}. Its real bound depends on the
     * line's overtime periods (48 + 5 per overtime, see {@link LineRules#maxMinutes}); 98 is that cap at the most
     * overtime periods accepted (10; the longest game ever had 6).
     */
    MINUTES_PLAYED("minutes_played", false, 98),
    /** Record 36 (Wilt Chamberlain, 1962). */
    FGM("fgm", true, 60),
    /** Record 63 (Wilt Chamberlain, 1962). */
    FGA("fga", true, 100),
    /** Record 14 (Klay Thompson, 2018). */
    FG3M("fg3m", true, 30),
    /** No player has taken many more than 20 threes in a game (the record is in the mid twenties). */
    FG3A("fg3a", true, 50),
    /** Record 28 (Wilt Chamberlain, 1962; Adrian Dantley, 1984). */
    FTM("ftm", true, 50),
    /** Record 39 (Dwight Howard, 2012). */
    FTA("fta", true, 60),
    /** Record 21 (Moses Malone, 1982). */
    OREB("oreb", true, 35),
    /** Record 29 (Kareem Abdul-Jabbar, 1975). */
    DREB("dreb", true, 50);

    private static final List<BoxScoreStat> COUNTING = Arrays.stream(values()).filter(s -> !s.shooting).toList();
    private static final List<BoxScoreStat> SHOOTING = Arrays.stream(values()).filter(s -> s.shooting).toList();

    private final String wireName;
    private final boolean shooting;
    private final int maximum;

    BoxScoreStat(String wireName, boolean shooting, int maximum) {
        this.wireName = wireName;
        this.shooting = shooting;
        this.maximum = maximum;
    }

    /** The largest value a line may carry for this stat (inclusive); for minutes see {@link LineRules#maxMinutes}. */
    public int maximum() {
        return maximum;
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
