package courtside.aggregation.average;

import courtside.aggregation.cache.CacheSource;
import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.directory.Directory;
import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.Ledgers;
import courtside.aggregation.rebuild.CacheRebuild;
import courtside.aggregation.source.LedgerSnapshots;
import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import courtside.model.TeamOpponents;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A team's opponents in its games of a season, and its wins and losses there, read when asked rather than kept as
 * sums: each team's ledger keeps its own sums in each game (applied exactly once, with its lines), so what an
 * opponent did is the opponent's ledger's sums in that game, and a correction of either team's line shows on the
 * next read without anything derived to keep up to date. The cost is O(games of the team) per answer: one read of
 * the team's game sums, one of the teams of its games (the directory, a superset: a team whose lines there were all
 * taken back has no sums left in that game; PostgreSQL for a game it knows no opponent in) and one read of the game
 * sums of each opponent, in three pipelined round trips. While Redis is down, the same sums come from PostgreSQL.
 */
@Component
final class OpponentLookup {

    private final Ledgers cache;
    private final CacheRebuild rebuild;
    private final Directory directory;
    private final LedgerSnapshots database;

    OpponentLookup(Ledgers cache, CacheRebuild rebuild, Directory directory, LedgerSnapshots database) {
        this.cache = cache;
        this.rebuild = rebuild;
        this.directory = directory;
        this.database = database;
    }

    /**
     * @param games the games of the season to count (a split's), or {@code null} for all of them
     * @param from  where the team's own answer came from: a {@code BYPASS} answer reads PostgreSQL here too
     */
    TeamOpponents of(long teamId, String season, SeasonType seasonType, Set<String> games, CacheSource from) {
        if (from != CacheSource.BYPASS) {
            try {
                TeamOpponents cached = fromCache(teamId, season, seasonType, games);
                if (cached != null) {
                    return cached;
                }
            } catch (CacheUnavailableException e) {
                // Redis went down after the team's own sums were read: PostgreSQL answers the rest.
            }
        }
        return fromDatabase(teamId, season, seasonType, games);
    }

    /**
     * Which of these games of a season the team has a counting line in, as SQL finds a split's opponent: from the
     * team's sums in those games only (one {@code HMGET}, O(these games)), not from the directory, which keeps a
     * team in a game even after corrections took back all of its lines there.
     *
     * @param from where the split's own lines came from: a {@code BYPASS} answer reads PostgreSQL here too
     */
    Set<String> gamesOf(long teamId, String season, SeasonType seasonType, Set<String> games, CacheSource from) {
        if (games.isEmpty()) {
            return Set.of();
        }
        if (from != CacheSource.BYPASS) {
            try {
                String prefix = season + "|" + seasonType.wireName() + "|";
                Ledger team = Ledger.team(teamId);
                Map<String, SeasonTotals> sums = loaded(Map.of(team, games.stream().map(game -> prefix + game).toList())).get(team);
                if (sums != null) {
                    return sums.keySet().stream().map(field -> field.substring(prefix.length())).collect(Collectors.toSet());
                }
            } catch (CacheUnavailableException e) {
                // PostgreSQL answers below.
            }
        }
        Set<String> played = new HashSet<>(database.gamesOfTeamSeason(teamId, season, seasonType).keySet());
        played.retainAll(games);
        return played;
    }

    /** {@code null} when the team's ledger could not be read from Redis even after loading it. */
    private TeamOpponents fromCache(long teamId, String season, SeasonType seasonType, Set<String> games) {
        Ledger team = Ledger.team(teamId);
        Map<String, SeasonTotals> own = loaded(Map.of(team, List.of())).get(team);
        if (own == null) {
            return null;
        }
        String prefix = season + "|" + seasonType.wireName() + "|";
        Map<String, SeasonTotals> ownGames = new HashMap<>();
        own.forEach((field, sums) -> {
            String game = field.startsWith(prefix) ? field.substring(prefix.length()) : null;
            if (game != null && (games == null || games.contains(game))) {
                ownGames.put(game, sums);
            }
        });
        Map<String, Map<Long, String>> teamsOfGames = new HashMap<>(directory.teamsOf(List.copyOf(ownGames.keySet())));
        // A game the directory knows no opponent in: the opponent has not posted yet, or the directory lost it in a
        // flush and the full rebuild has not filled it again. PostgreSQL tells which.
        List<String> unopposed = ownGames.keySet().stream().filter(game -> teamsOfGames.getOrDefault(game, Map.of()).keySet()
                .stream().allMatch(other -> other == teamId)).toList();
        teamsOfGames.putAll(directory.storedTeamsOf(unopposed));
        Map<Ledger, List<String>> asked = new HashMap<>();
        teamsOfGames.forEach((game, teams) -> teams.keySet().stream()
                .filter(other -> other != teamId)
                .forEach(other -> asked.computeIfAbsent(Ledger.team(other), ledger -> new ArrayList<>()).add(prefix + game)));
        Map<Ledger, Map<String, SeasonTotals>> theirs = loaded(asked);
        List<TeamOpponents.Game> played = new ArrayList<>(ownGames.size());
        ownGames.forEach((game, sums) -> {
            SeasonTotals opponent = null;
            for (Map<String, SeasonTotals> other : theirs.values()) {
                SeasonTotals inGame = other.get(prefix + game);
                if (inGame != null) {
                    opponent = opponent == null ? inGame : opponent.plus(inGame);
                }
            }
            played.add(game(sums, opponent));
        });
        return TeamOpponents.of(played);
    }

    /** The game sums asked of each ledger, loading those not loaded yet; a ledger with no line anywhere is left out. */
    private Map<Ledger, Map<String, SeasonTotals>> loaded(Map<Ledger, List<String>> asked) {
        if (asked.isEmpty()) {
            return Map.of();
        }
        Map<Ledger, Map<String, SeasonTotals>> found = new HashMap<>(cache.gameSums(asked));
        Set<Ledger> missing = new HashSet<>(asked.keySet());
        missing.removeAll(found.keySet());
        if (!missing.isEmpty() && rebuild.load(List.copyOf(missing))) {
            Map<Ledger, List<String>> again = new HashMap<>();
            missing.forEach(ledger -> again.put(ledger, asked.get(ledger)));
            found.putAll(cache.gameSums(again));
        }
        return found;
    }

    private TeamOpponents fromDatabase(long teamId, String season, SeasonType seasonType, Set<String> games) {
        List<TeamOpponents.Game> played = new ArrayList<>();
        database.gamesOfTeamSeason(teamId, season, seasonType).forEach((game, teams) -> {
            SeasonTotals own = teams.get(teamId);
            if (own == null || (games != null && !games.contains(game))) {
                return;
            }
            SeasonTotals opponent = null;
            for (Map.Entry<Long, SeasonTotals> other : teams.entrySet()) {
                if (other.getKey() != teamId) {
                    opponent = opponent == null ? other.getValue() : opponent.plus(other.getValue());
                }
            }
            played.add(game(own, opponent));
        });
        return TeamOpponents.of(played);
    }

    private static TeamOpponents.Game game(SeasonTotals own, SeasonTotals opponent) {
        return new TeamOpponents.Game(own.sums().get(BoxScoreStat.POINTS), own.sums().get(BoxScoreStat.MINUTES_PLAYED), opponent);
    }
}
