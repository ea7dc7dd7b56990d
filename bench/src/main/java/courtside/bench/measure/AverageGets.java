package courtside.bench.measure;

import courtside.model.BoxScoreLine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The average GETs the bench loads: one path per player of a season, as the season answer or with a per mode or a
 * split added (docs/api.md). Every variant is built over the same players as the season answer it is reported
 * beside, so that a difference between the two is the variant's cost and not the players'.
 */
final class AverageGets {

    /**
     * What is added to a player's season GET.
     *
     * @param name       how the report names it: {@code per_36}, {@code split last=10}
     * @param besideName how the report names the season GET it is measured beside
     * @param parameters the query parameters added for a player, each starting with {@code &}
     */
    record Variant(String name, String besideName, LongFunction<String> parameters) {
    }

    /** The season answer itself. */
    static final Variant SEASON = new Variant("whole season", "", player -> "");

    /** The season's cached sums, in the per-36 mode: the same sums, another division. */
    static final Variant PER_36 = new Variant("per_36", "per game", player -> "&per_mode=per_36");

    /** The player's last 10 games: what a dashboard shows beside the season, read from the lines, not the sums. */
    static final Variant LAST_10 = new Variant("split last=10", "whole season", player -> "&last=10");

    private AverageGets() {
    }

    /**
     * The player's games against one opponent: that of his latest game ({@link #latestOpponents}), so a split of a
     * few games, as a matchup preview asks for.
     */
    static Variant versus(Map<Long, Long> opponents) {
        return new Variant("split vs=an opponent", "whole season", player -> {
            Long opponent = opponents.get(player);
            if (opponent == null) {
                throw new IllegalArgumentException("no opponent known for player " + player);
            }
            return "&vs=" + opponent;
        });
    }

    /** {@code /average/player/{id}?season=...} and the variant's parameters, for every player in order. */
    static List<String> paths(List<Long> players, String season, Variant variant) {
        List<String> paths = new ArrayList<>(players.size());
        for (long player : players) {
            paths.add("/average/player/" + player + "?season=" + season + variant.parameters().apply(player));
        }
        return paths;
    }

    /**
     * Per player, the opponent of his latest game: the other team with a line in that game (as the {@code vs} split
     * defines it), the latest game found as the services find it, by date and then game id. A player whose latest
     * game has no line of another team has none.
     */
    static Map<Long, Long> latestOpponents(List<BoxScoreLine> lines) {
        Map<String, Set<Long>> teamsOfGame = new HashMap<>();
        Map<Long, BoxScoreLine> latest = new HashMap<>();
        Comparator<BoxScoreLine> byDateThenGame = Comparator.comparing(BoxScoreLine::gameDate).thenComparing(BoxScoreLine::gameId);
        for (BoxScoreLine line : lines) {
            teamsOfGame.computeIfAbsent(line.gameId(), game -> new HashSet<>()).add(line.teamId());
            latest.merge(line.playerId(), line, (kept, other) -> byDateThenGame.compare(other, kept) > 0 ? other : kept);
        }
        Map<Long, Long> opponents = new HashMap<>();
        latest.forEach((player, line) -> teamsOfGame.get(line.gameId()).stream()
                .filter(team -> team != line.teamId()).min(Long::compare)
                .ifPresent(opponent -> opponents.put(player, opponent)));
        return opponents;
    }
}
