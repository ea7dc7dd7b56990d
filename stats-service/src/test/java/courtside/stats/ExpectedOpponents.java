package courtside.stats;

import courtside.model.BoxScoreLine;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team's wins, losses and opponents' figures over some of its games, worked out straight from the lines (the CSV,
 * or the lines a test posted), apart from both services' code: a game is decided once each team's lines add up to
 * 239.9 minutes or more and the points differ (docs/api.md); the opponent's lines of a game are the game's lines of
 * every other team, summed like a team's season by {@link ExpectedSeason}.
 */
public final class ExpectedOpponents {

    /** Five players times 48 minutes, less the rounding of published lines: a team's whole regulation game. */
    private static final BigDecimal FULL_GAME = new BigDecimal("239.9");

    private final long wins;
    private final long losses;
    private final ExpectedSeason opponent;

    private ExpectedOpponents(long wins, long losses, ExpectedSeason opponent) {
        this.wins = wins;
        this.losses = losses;
        this.opponent = opponent;
    }

    /** Every team's over the whole season. */
    public static Map<Long, ExpectedOpponents> byTeam(List<BoxScoreLine> season) {
        Map<Long, ExpectedOpponents> teams = new TreeMap<>();
        season.stream().map(BoxScoreLine::teamId).distinct().forEach(team ->
                teams.put(team, of(season, season.stream().filter(line -> line.teamId() == team).toList(), team)));
        return teams;
    }

    /**
     * Over the games of {@code teamLines}: the team's own lines of the season or of a split (whole games, as
     * {@link ExpectedSplit#ofTeam} gives them); the opponents' lines of those games are looked up in {@code season}.
     */
    public static ExpectedOpponents of(List<BoxScoreLine> season, List<BoxScoreLine> teamLines, long team) {
        Set<String> games = new HashSet<>();
        Map<String, Long> points = new HashMap<>();
        Map<String, BigDecimal> minutes = new HashMap<>();
        for (BoxScoreLine line : teamLines) {
            assertThat(line.teamId()).as("a line of team %d", team).isEqualTo(team);
            games.add(line.gameId());
            points.merge(line.gameId(), (long) line.stats().points(), Long::sum);
            minutes.merge(line.gameId(), line.stats().minutesPlayed(), BigDecimal::add);
        }
        List<BoxScoreLine> opponentLines = season.stream()
                .filter(line -> games.contains(line.gameId()) && line.teamId() != team).toList();
        Map<String, Long> opponentPoints = new HashMap<>();
        Map<String, BigDecimal> opponentMinutes = new HashMap<>();
        for (BoxScoreLine line : opponentLines) {
            opponentPoints.merge(line.gameId(), (long) line.stats().points(), Long::sum);
            opponentMinutes.merge(line.gameId(), line.stats().minutesPlayed(), BigDecimal::add);
        }
        long wins = 0;
        long losses = 0;
        for (String game : opponentPoints.keySet()) {
            boolean complete = minutes.get(game).compareTo(FULL_GAME) >= 0 && opponentMinutes.get(game).compareTo(FULL_GAME) >= 0;
            long own = points.get(game);
            long theirs = opponentPoints.get(game);
            if (complete && own > theirs) {
                wins++;
            } else if (complete && own < theirs) {
                losses++;
            }
        }
        return new ExpectedOpponents(wins, losses, opponentLines.isEmpty() ? null : ExpectedSeason.of(opponentLines));
    }

    public long wins() {
        return wins;
    }

    public long losses() {
        return losses;
    }

    /** The opponents' lines summed, or {@code null} when no game has one. */
    public ExpectedSeason opponent() {
        return opponent;
    }

    /** {@code wins}, {@code losses} and every figure of {@code opponent} of a team's answer in a mode. */
    public void assertTeam(String who, JsonNode answer, String mode) {
        assertThat(answer.get("wins").asLong()).as(who + " wins").isEqualTo(wins);
        assertThat(answer.get("losses").asLong()).as(who + " losses").isEqualTo(losses);
        if (opponent == null) {
            assertThat(answer.has("opponent")).as(who + " opponent left out without an opponent's line").isFalse();
        } else {
            opponent.assertOpponent(who, answer.get("opponent"), mode);
        }
    }
}
