package courtside.stats;

import courtside.model.BoxScoreLine;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lines of a split (docs/api.md) picked straight from a season's lines, apart from both services' code: the
 * lines inside the dates, of the games in which the opponent has a line, then those of the latest {@code last}
 * games by date and game id. {@link ExpectedSeason} then sums them like a whole season.
 *
 * @param last the number of latest games, or {@code null}
 * @param from the first date, or {@code null}
 * @param to   the last date, or {@code null}
 * @param vs   the opponent, or {@code null}
 */
public record ExpectedSplit(Integer last, LocalDate from, LocalDate to, Long vs) {

    public static ExpectedSplit last(int games) {
        return new ExpectedSplit(games, null, null, null);
    }

    public static ExpectedSplit between(LocalDate from, LocalDate to) {
        return new ExpectedSplit(null, from, to, null);
    }

    public static ExpectedSplit against(long team) {
        return new ExpectedSplit(null, null, null, team);
    }

    /** The query string of the split, {@code &last=10} and so on. */
    public String query() {
        return (last == null ? "" : "&last=" + last) + (from == null ? "" : "&from=" + from) + (to == null ? "" : "&to=" + to)
                + (vs == null ? "" : "&vs=" + vs);
    }

    /** The split's lines of one player. */
    public List<BoxScoreLine> ofPlayer(List<BoxScoreLine> season, long playerId) {
        return of(season, line -> line.playerId() == playerId);
    }

    /** The split's lines of one team (the team on the line). */
    public List<BoxScoreLine> ofTeam(List<BoxScoreLine> season, long teamId) {
        return of(season, line -> line.teamId() == teamId);
    }

    private List<BoxScoreLine> of(List<BoxScoreLine> season, Predicate<BoxScoreLine> whose) {
        Map<String, Set<Long>> teamsOfGame = new HashMap<>();
        season.forEach(line -> teamsOfGame.computeIfAbsent(line.gameId(), game -> new HashSet<>()).add(line.teamId()));
        List<BoxScoreLine> kept = season.stream().filter(whose)
                .filter(line -> from == null || !LocalDate.parse(line.gameDate()).isBefore(from))
                .filter(line -> to == null || !LocalDate.parse(line.gameDate()).isAfter(to))
                .filter(line -> vs == null || (line.teamId() != vs && teamsOfGame.get(line.gameId()).contains(vs)))
                .toList();
        if (last == null) {
            return kept;
        }
        Set<String> latest = new LinkedHashSet<>();
        kept.stream().sorted(Comparator.comparing(BoxScoreLine::gameDate).thenComparing(BoxScoreLine::gameId).reversed())
                .map(BoxScoreLine::gameId).forEach(game -> {
                    if (latest.size() < last) {
                        latest.add(game);
                    }
                });
        return kept.stream().filter(line -> latest.contains(line.gameId())).toList();
    }
}
