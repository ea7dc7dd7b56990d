package courtside.stats;

import courtside.model.BoxScoreLine;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One player's or one team's season summed straight from the lines (the CSV), and every figure of its average
 * answer in each {@code per_mode} computed here from those sums with the formulas of docs/api.md, by hand and apart
 * from common-model's arithmetic: counts exactly, doubles to 1e-9. Both services' replay tests hold their answers
 * to it.
 */
public final class ExpectedSeason {

    /** The modes of an average answer, the default first. */
    public static final List<String> MODES = List.of("per_game", "totals", "per_36");

    private static final List<String> COUNTING = List.of("points", "rebounds", "assists", "steals", "blocks", "turnovers", "fouls");
    private static final List<String> SHOOTING = List.of("fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb", "dreb");
    private static final double EXACT = 1e-9;

    private final Set<String> games = new HashSet<>();
    private final Set<String> shootingGames = new HashSet<>();
    private final Map<String, Long> sums = new HashMap<>();
    private BigDecimal minutes = BigDecimal.ZERO;
    private long lines;
    private long shootingLines;

    /** The lines summed by player. */
    public static Map<Long, ExpectedSeason> byPlayer(List<BoxScoreLine> lines) {
        return by(lines, BoxScoreLine::playerId);
    }

    /** The lines summed by the team on the line. */
    public static Map<Long, ExpectedSeason> byTeam(List<BoxScoreLine> lines) {
        return by(lines, BoxScoreLine::teamId);
    }

    /** Any lines summed together: a player's lines for one team, a team's opponents' lines in its games. */
    public static ExpectedSeason of(Collection<BoxScoreLine> lines) {
        ExpectedSeason sums = new ExpectedSeason();
        lines.forEach(sums::add);
        return sums;
    }

    private static Map<Long, ExpectedSeason> by(List<BoxScoreLine> lines, Function<BoxScoreLine, Long> key) {
        Map<Long, ExpectedSeason> seasons = new TreeMap<>();
        lines.forEach(line -> seasons.computeIfAbsent(key.apply(line), id -> new ExpectedSeason()).add(line));
        return seasons;
    }

    private void add(BoxScoreLine line) {
        Map<String, Object> wire = line.toWire();
        lines++;
        games.add(line.gameId());
        COUNTING.forEach(stat -> sums.merge(stat, ((Number) wire.get(stat)).longValue(), Long::sum));
        minutes = minutes.add(new BigDecimal(wire.get("minutes_played").toString()));
        if (wire.get("fgm") != null) {
            shootingLines++;
            shootingGames.add(line.gameId());
            SHOOTING.forEach(stat -> sums.merge(stat, ((Number) wire.get(stat)).longValue(), Long::sum));
        }
    }

    /** Every figure of a player's answer asked with {@code ?per_mode=mode}, or without it for {@code per_game}. */
    public void assertPlayer(String who, JsonNode answer, String mode) {
        assertMode(who, answer, mode);
        assertTeamRow(who, answer, mode);
    }

    /**
     * Every figure of one of a traded player's per-team rows ({@code teams[i]}) in the answer's mode: the shape of a
     * player's answer without the mode, which the answer names once.
     */
    public void assertTeamRow(String who, JsonNode row, String mode) {
        assertThat(row.get("games_played").asLong()).as(who + " games_played").isEqualTo(lines);
        assertCounting(who + " averages", row.get("averages"), mode, lines);
        assertCommon(who, row, mode);
    }

    /**
     * Every figure of a team's {@code opponent} block, these being the opponents' lines in the team's games: games,
     * the counting figures per game over those games (or in the mode), their totals and the shooting block as a
     * team's (over the games in which one of the opponent's lines carries it).
     */
    public void assertOpponent(String who, JsonNode opponent, String mode) {
        assertThat(opponent).as(who + " opponent").isNotNull();
        assertThat(opponent.get("games").asLong()).as(who + " opponent games").isEqualTo(games.size());
        assertCounting(who + " opponent per_game", opponent.get("per_game"), mode, games.size());
        assertTotals(who + " opponent", opponent.get("totals"));
        assertShooting(who + " opponent", opponent.get("shooting"), mode);
    }

    /** The number of lines summed. */
    public long lines() {
        return lines;
    }

    /** The number of games of the lines summed. */
    public long games() {
        return games.size();
    }

    /** The sum of a counting stat, by wire name ({@code minutes_played} excepted). */
    public long sumOf(String stat) {
        return sum(stat);
    }

    /** The summed minutes, exact. */
    public BigDecimal minutes() {
        return minutes;
    }

    /** Every figure of a team's answer in a mode: both views, over its games and over its player lines. */
    public void assertTeam(String who, JsonNode answer, String mode) {
        assertThat(answer.get("games_played").asLong()).as(who + " games_played").isEqualTo(games.size());
        assertThat(answer.get("player_lines").asLong()).as(who + " player_lines").isEqualTo(lines);
        assertMode(who, answer, mode);
        assertCounting(who + " per_game", answer.get("per_game"), mode, games.size());
        assertCounting(who + " per_player_game", answer.get("per_player_game"), mode, lines);
        assertCommon(who, answer, mode);
    }

    private static void assertMode(String who, JsonNode answer, String mode) {
        if (mode.equals("per_game")) {
            // The default answer is the one from before there were modes.
            assertThat(answer.has("per_mode")).as(who + " per_mode left out").isFalse();
        } else {
            assertThat(answer.get("per_mode").asString()).as(who + " per_mode").isEqualTo(mode);
        }
    }

    private void assertCommon(String who, JsonNode answer, String mode) {
        assertTotals(who, answer.get("totals"));
        assertRatio(who + " ast_to", answer.get("ast_to"), sum("assists"), sum("turnovers"));
        assertShooting(who, answer.get("shooting"), mode);
    }

    private void assertTotals(String who, JsonNode totals) {
        COUNTING.forEach(stat -> assertExact(who + " total " + stat, totals.get(stat), sum(stat)));
        assertThat(totals.get("minutes_played").decimalValue()).as(who + " total minutes").isEqualByComparingTo(minutes);
    }

    private void assertCounting(String what, JsonNode figures, String mode, long divisor) {
        for (String stat : COUNTING) {
            long sum = sums.get(stat);
            switch (mode) {
                case "per_game" -> assertClose(what + " " + stat, figures.get(stat), sum / (double) divisor);
                case "totals" -> assertExact(what + " " + stat, figures.get(stat), sum);
                default -> assertPer36(what + " " + stat, figures.get(stat), sum);
            }
        }
        JsonNode minutesFigure = figures.get("minutes_played");
        switch (mode) {
            case "per_game" -> assertClose(what + " minutes", minutesFigure, minutes.doubleValue() / divisor);
            case "totals" -> assertThat(minutesFigure.decimalValue()).as(what + " minutes").isEqualByComparingTo(minutes);
            default -> {
                if (minutes.signum() == 0) {
                    assertAbsent(what + " minutes per 36 without minutes", minutesFigure);
                } else {
                    assertClose(what + " minutes per 36", minutesFigure, 36.0);
                }
            }
        }
    }

    private void assertShooting(String who, JsonNode shooting, String mode) {
        if (shootingGames.isEmpty()) {
            assertThat(shooting).as(who + " shooting without a line carrying it").isNull();
            return;
        }
        long blockGames = shootingGames.size();
        assertThat(shooting.get("games").asLong()).as(who + " shooting games").isEqualTo(blockGames);
        for (String stat : SHOOTING) {
            long sum = sums.get(stat);
            String what = who + " shooting " + stat;
            switch (mode) {
                case "per_game" -> assertClose(what, shooting.get(stat), sum / (double) blockGames);
                case "totals" -> assertExact(what, shooting.get(stat), sum);
                default -> {
                    if (blockGames == games.size()) {
                        assertPer36(what, shooting.get(stat), sum);
                    } else {
                        assertAbsent(what + " per 36 when some games lack the block", shooting.get(stat));
                    }
                }
            }
        }
        long fgm = sum("fgm");
        long fga = sum("fga");
        long fg3m = sum("fg3m");
        long ftm = sum("ftm");
        long fta = sum("fta");
        assertRatio(who + " fg_pct", shooting.get("fg_pct"), fgm, fga);
        assertRatio(who + " fg3_pct", shooting.get("fg3_pct"), fg3m, sum("fg3a"));
        assertRatio(who + " ft_pct", shooting.get("ft_pct"), ftm, fta);
        // The shooting block's points: two per field goal, one more per three, one per free throw.
        long shootingPoints = 2 * fgm + fg3m + ftm;
        if (fga == 0 && fta == 0) {
            assertAbsent(who + " ts_pct without attempts", shooting.get("ts_pct"));
        } else {
            assertClose(who + " ts_pct", shooting.get("ts_pct"), shootingPoints / (2 * (fga + 0.44 * fta)));
            if (shootingLines == lines) {
                // With the block on every line, the block's points are the season's points.
                assertThat(shootingPoints).as(who + " points of the shooting block").isEqualTo(sum("points"));
            }
        }
        if (fga == 0) {
            assertAbsent(who + " efg_pct without attempts", shooting.get("efg_pct"));
        } else {
            assertClose(who + " efg_pct", shooting.get("efg_pct"), (fgm + 0.5 * fg3m) / fga);
        }
    }

    private void assertPer36(String what, JsonNode figure, long sum) {
        if (minutes.signum() == 0) {
            assertAbsent(what + " per 36 without minutes", figure);
        } else {
            assertClose(what + " per 36", figure, sum / minutes.doubleValue() * 36);
        }
    }

    private long sum(String stat) {
        return sums.getOrDefault(stat, 0L);
    }

    private static void assertRatio(String what, JsonNode figure, long numerator, long denominator) {
        if (denominator == 0) {
            assertAbsent(what + " with a zero denominator", figure);
        } else {
            assertClose(what, figure, numerator / (double) denominator);
        }
    }

    private static void assertExact(String what, JsonNode figure, long expected) {
        assertThat(figure).as(what).isNotNull();
        assertThat(figure.isIntegralNumber()).as(what + " is a count").isTrue();
        assertThat(figure.asLong()).as(what).isEqualTo(expected);
    }

    private static void assertClose(String what, JsonNode figure, double expected) {
        assertThat(figure).as(what).isNotNull();
        assertThat(figure.isNumber()).as(what + " is a number, not " + figure).isTrue();
        assertThat(figure.asDouble()).as(what).isCloseTo(expected, within(EXACT));
    }

    /** Absent as a percentage without attempts is: written as {@code null}. */
    private static void assertAbsent(String what, JsonNode figure) {
        assertThat(figure).as(what).isNotNull();
        assertThat(figure.isNull()).as(what + " is null, not " + figure).isTrue();
    }
}
