package courtside.aggregation.directory;

import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.cache.RedisPipelines;
import courtside.aggregation.source.StoredNames;
import courtside.model.StatLineChanged;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

import static courtside.aggregation.directory.DirectoryLayout.NAMES_KEY;
import static courtside.aggregation.directory.DirectoryLayout.bytes;
import static courtside.aggregation.directory.DirectoryLayout.gameKey;
import static courtside.aggregation.directory.DirectoryLayout.playerField;
import static courtside.aggregation.directory.DirectoryLayout.playerTeamField;
import static courtside.aggregation.directory.DirectoryLayout.teamField;
import static courtside.aggregation.directory.DirectoryLayout.teams;

/**
 * Who is who, for the pages and the event log: the latest name seen of every player, the abbreviation of every
 * team, and the teams of every game (from which a line's opponent follows). Names are not aggregates: each
 * event overwrites them with what it carries, and a full rebuild fills them from PostgreSQL ({@link DirectoryFill}).
 * Finding them by a word is {@link NameSearch}'s; forgetting those without lines {@link NameRetention}'s.
 */
@Component
public final class Directory {

    private final RedisPipelines pipelines;
    private final StoredNames database;
    private final DirectoryMemory memory;

    Directory(RedisPipelines pipelines, StoredNames database, DirectoryMemory memory) {
        this.pipelines = pipelines;
        this.database = database;
        this.memory = memory;
    }

    /**
     * Records the names and game teams of a batch of events, and returns the teams of each of their games (team id
     * to abbreviation), for the event log. One pipeline writes what changed and reads the games not known whole.
     */
    public Map<String, Map<Long, String>> record(List<StatLineChanged> batch) {
        memory.forgetNowAndThen();
        Map<String, String> names = new HashMap<>();
        Map<String, Map<String, String>> games = new LinkedHashMap<>();
        Map<String, Map<Long, String>> teamsOfGames = new HashMap<>();
        Set<String> toRead = new LinkedHashSet<>();
        for (StatLineChanged event : batch) {
            if (event.playerName() != null) {
                names.put(playerField(event.playerId()), event.playerName());
            }
            if (event.teamAbbreviation() != null) {
                names.put(teamField(event.teamId()), event.teamAbbreviation());
            }
            if (!event.deleted() && event.teamAbbreviation() != null) {
                names.put(playerTeamField(event.playerId()), event.teamAbbreviation());
            }
            Map<Long, String> known = memory.completeGame(event.gameId());
            if (known != null && (event.deleted() || known.containsKey(event.teamId()))) {
                teamsOfGames.put(event.gameId(), known);
                continue;
            }
            toRead.add(event.gameId());
            // A removed line may have been under the wrong team: it names no team of the game.
            if (event.deleted()) {
                continue;
            }
            games.computeIfAbsent(event.gameId(), id -> new HashMap<>())
                    .put(Long.toString(event.teamId()), event.teamAbbreviation() == null ? "" : event.teamAbbreviation());
        }
        memory.dropWritten(names);
        List<String> read = List.copyOf(toRead);
        if (names.isEmpty() && games.isEmpty() && read.isEmpty()) {
            return teamsOfGames;
        }
        List<Object> replies = memory.writingNames(names, () -> pipelines.pipelined(connection -> {
            if (!names.isEmpty()) {
                connection.hashCommands().hMSet(RedisPipelines.bytes(NAMES_KEY), bytes(names));
                SearchIndex.add(connection, names);
            }
            games.forEach((game, teams) -> connection.hashCommands().hMSet(RedisPipelines.bytes(gameKey(game)), bytes(teams)));
            read.forEach(game -> connection.hashCommands().hGetAll(RedisPipelines.bytes(gameKey(game))));
        }, List.of()));
        List<Object> teams = replies.subList(replies.size() - read.size(), replies.size());
        for (int i = 0; i < read.size(); i++) {
            Map<Long, String> gameTeams = teams((Map<?, ?>) teams.get(i));
            teamsOfGames.put(read.get(i), gameTeams);
            memory.rememberIfComplete(read.get(i), gameTeams);
        }
        return teamsOfGames;
    }

    /** The teams of each game, team id to abbreviation: from Redis, or from PostgreSQL while it is down. */
    public Map<String, Map<Long, String>> teamsOf(List<String> gameIds) {
        Map<String, Map<Long, String>> teams = new HashMap<>();
        try {
            List<Object> replies = pipelines.pipelined(connection -> gameIds.forEach(game ->
                    connection.hashCommands().hGetAll(RedisPipelines.bytes(gameKey(game)))), List.of());
            for (int i = 0; i < gameIds.size(); i++) {
                teams.put(gameIds.get(i), teams((Map<?, ?>) replies.get(i)));
            }
        } catch (CacheUnavailableException e) {
            return storedTeamsOf(gameIds);
        }
        return teams;
    }

    /**
     * The teams of each game as PostgreSQL has them: for a game the directory in Redis may know only partly, between
     * a flush and the full rebuild's refill (events write the teams of their own games only).
     */
    public Map<String, Map<Long, String>> storedTeamsOf(List<String> gameIds) {
        Map<String, Map<Long, String>> teams = new HashMap<>();
        if (!gameIds.isEmpty()) {
            database.teamsOf(gameIds, (game, team, abbreviation) -> teams.computeIfAbsent(game, id -> new HashMap<>()).put(team, abbreviation));
        }
        return teams;
    }

    public Optional<String> playerName(long id) {
        return Optional.ofNullable(playerNames(List.of(id)).get(id));
    }

    /** The names known of these players: from Redis, or from PostgreSQL for those Redis lacks or while it is down. */
    public Map<Long, String> playerNames(List<Long> ids) {
        return names(ids, DirectoryLayout::playerField, database::playerNames);
    }

    /** The abbreviations known of these teams, as {@link #playerNames}. */
    public Map<Long, String> teamAbbreviations(List<Long> ids) {
        return names(ids, DirectoryLayout::teamField, database::teamAbbreviations);
    }

    /**
     * Forgets the teams this directory keeps for each of these games: for games of a season retention dropped, which
     * have no line and take none any more, so that neither events nor a rebuild write their teams again.
     */
    public void forgetGames(Collection<String> gameIds) {
        if (!gameIds.isEmpty()) {
            pipelines.pipelined(connection -> gameIds.forEach(game ->
                    connection.keyCommands().del(RedisPipelines.bytes(gameKey(game)))), List.of());
        }
    }

    private Map<Long, String> names(List<Long> ids, LongFunction<String> field,
                                    Function<List<Long>, Map<Long, String>> stored) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> names = new HashMap<>();
        try {
            List<Object> values = pipelines.call(() -> pipelines.template().opsForHash()
                    .multiGet(NAMES_KEY, ids.stream().map(id -> (Object) field.apply(id)).toList()));
            for (int i = 0; i < ids.size(); i++) {
                if (values.get(i) != null) {
                    names.put(ids.get(i), String.valueOf(values.get(i)));
                }
            }
        } catch (CacheUnavailableException e) {
            // PostgreSQL below names them all
        }
        List<Long> missing = ids.stream().filter(id -> !names.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            names.putAll(stored.apply(missing));
        }
        return names;
    }
}
