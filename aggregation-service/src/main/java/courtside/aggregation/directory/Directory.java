package courtside.aggregation.directory;

import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.cache.RedisPipelines;
import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.rebuild.FullRebuildStarted;
import courtside.aggregation.source.StoredNames;
import courtside.model.StatLineChanged;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.zset.DefaultTuple;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Who is who, for the pages and the event log: the latest name seen of every player, the abbreviation of every
 * team, and the teams of every game (from which a line's opponent follows). Names are not aggregates: each
 * event overwrites them with what it carries, and a full rebuild fills them from PostgreSQL.
 */
@Component
public final class Directory {

    private static final String NAMES_KEY = Ledger.PREFIX + "names";
    /**
     * The search index: a sorted set, every score 0, so that members sort by their bytes and ZRANGEBYLEX finds every
     * member that starts with a prefix in O(log n + found). A member is a lower-cased word of a name (and the whole
     * name), a NUL, and the names field it belongs to ({@code player:203999}); NUL sorts before every character a
     * name may hold, so {@code [word} .. {@code [word\xff} is exactly the words that start with {@code word}.
     */
    private static final String SEARCH_KEY = Ledger.PREFIX + "name-words";
    private static final char SEPARATOR = '\0';
    /** Index members read per hit wanted: a name is found under several of its words, and stale words are skipped. */
    private static final int CANDIDATES_PER_HIT = 4;
    private static final int FILL_CHUNK = 2000;
    private static final int REMEMBERED = 20_000;
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    private final RedisPipelines pipelines;
    private final StoredNames database;
    /**
     * What this instance last wrote of each name, and the games whose two teams it has read: each batch of events
     * would otherwise write every name again and read every game's teams, the largest part of its directory work.
     */
    private final Map<String, String> written = boundedMap();
    /**
     * Held from a write of names to Redis until {@link #written} says so, and while anything else changes the names
     * in Redis: two consumer threads writing one name (a team's, from lines on two partitions), one first in Redis and
     * the other first in {@link #written}, left it believing a name written that Redis did not hold, and the next
     * lines carrying that name skipped writing it for up to a minute (a rename not shown).
     */
    private final ReentrantLock nameWrites = new ReentrantLock();
    private final Map<String, Map<Long, String>> completeGames = boundedMap();
    private volatile long rememberedSince = System.nanoTime();

    Directory(RedisPipelines pipelines, StoredNames database) {
        this.pipelines = pipelines;
        this.database = database;
    }

    /** A player as a search finds them, with the team of the latest line seen. */
    public record PlayerEntry(long playerId, String playerName, String teamAbbreviation) {
    }

    /** A team as a search finds it. */
    public record TeamEntry(long teamId, String teamAbbreviation) {
    }

    /** What a search found. */
    public record Found(List<PlayerEntry> players, List<TeamEntry> teams) {
    }

    private static String gameKey(String gameId) {
        return Ledger.PREFIX + "game:" + gameId + ":teams";
    }

    private static String playerField(long id) {
        return "player:" + id;
    }

    private static String teamField(long id) {
        return "team:" + id;
    }

    /** The abbreviation of the team on the player's latest line seen: a hint for search results. */
    private static String playerTeamField(long id) {
        return "player-team:" + id;
    }

    /**
     * Records the names and game teams of a batch of events, and returns the teams of each of their games (team id
     * to abbreviation), for the event log.
     */
    public Map<String, Map<Long, String>> record(List<StatLineChanged> batch) {
        forgetNowAndThen();
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
            Map<Long, String> known = completeGames.get(event.gameId());
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
        // Names seldom change: only those this instance has not written as they are now go to Redis.
        names.entrySet().removeIf(name -> name.getValue().equals(written.get(name.getKey())));
        List<String> read = List.copyOf(toRead);
        if (names.isEmpty() && games.isEmpty() && read.isEmpty()) {
            return teamsOfGames;
        }
        // Names seldom need writing once this instance has run a while: only then do consumer threads wait here.
        boolean writesNames = !names.isEmpty();
        if (writesNames) {
            nameWrites.lock();
        }
        List<Object> replies;
        try {
            replies = pipelines.pipelined(connection -> {
                if (writesNames) {
                    connection.hashCommands().hMSet(RedisPipelines.bytes(NAMES_KEY), bytes(names));
                    indexWords(connection, names);
                }
                games.forEach((game, teams) -> connection.hashCommands().hMSet(RedisPipelines.bytes(gameKey(game)), bytes(teams)));
                read.forEach(game -> connection.hashCommands().hGetAll(RedisPipelines.bytes(gameKey(game))));
            }, List.of());
            written.putAll(names);
        } finally {
            if (writesNames) {
                nameWrites.unlock();
            }
        }
        List<Object> teams = replies.subList(replies.size() - read.size(), replies.size());
        for (int i = 0; i < read.size(); i++) {
            Map<Long, String> gameTeams = teams((Map<?, ?>) teams.get(i));
            teamsOfGames.put(read.get(i), gameTeams);
            if (gameTeams.size() == 2) {
                completeGames.put(read.get(i), gameTeams);
            }
        }
        return teamsOfGames;
    }

    /**
     * The local memory of what is in Redis is dropped every minute, so that after a flush the names and game teams
     * are written again by the next events (a full rebuild also fills them from PostgreSQL).
     */
    private void forgetNowAndThen() {
        long now = System.nanoTime();
        if (now - rememberedSince > FORGET_EVERY.toNanos()) {
            rememberedSince = now;
            written.clear();
            completeGames.clear();
        }
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
            database.teamsOf(gameIds, (game, team, abbreviation) -> teams.computeIfAbsent(game, id -> new HashMap<>()).put(team, abbreviation));
        }
        return teams;
    }

    public Optional<String> playerName(long id) {
        return Optional.ofNullable(playerNames(List.of(id)).get(id));
    }

    /** The names known of these players: from Redis, or from PostgreSQL for those Redis lacks or while it is down. */
    public Map<Long, String> playerNames(List<Long> ids) {
        return names(ids, Directory::playerField, database::playerNames);
    }

    /** The abbreviations known of these teams, as {@link #playerNames}. */
    public Map<Long, String> teamAbbreviations(List<Long> ids) {
        return names(ids, Directory::teamField, database::teamAbbreviations);
    }

    /**
     * Players and teams with a word of their name (or the whole name) that starts with the text, ignoring case,
     * each by name; from PostgreSQL while Redis is down. Reads the index words that start with the text and the
     * names they point to, never every name: a search costs O(log n + limit) however many names are kept.
     */
    public Found search(String text, int limit) {
        String wanted = text.toLowerCase(Locale.ROOT);
        List<String> members;
        List<String> fields;
        Map<String, String> current = new HashMap<>();
        try {
            byte[] low = RedisPipelines.bytes(wanted);
            byte[] high = Arrays.copyOf(low, low.length + 1);
            // 0xFF never occurs in UTF-8: every member that starts with the text sorts below text + 0xFF.
            high[low.length] = (byte) 0xFF;
            List<Object> words = pipelines.pipelined(connection -> connection.zSetCommands().zRangeByLex(
                    RedisPipelines.bytes(SEARCH_KEY), Range.closed(low, high),
                    Limit.limit().count(limit * CANDIDATES_PER_HIT)), List.of());
            members = words.isEmpty() || words.getFirst() == null ? List.of() : ((Collection<?>) words.getFirst()).stream()
                    .map(member -> member instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8)
                            : String.valueOf(member)).toList();
            fields = members.stream().map(member -> member.substring(member.lastIndexOf(SEPARATOR) + 1)).distinct().toList();
            if (!fields.isEmpty()) {
                List<Object> keys = new ArrayList<>();
                fields.forEach(field -> {
                    keys.add(field);
                    keys.add(field.startsWith("player:") ? playerTeamField(id(field)) : field);
                });
                List<Object> values = pipelines.call(() -> pipelines.template().opsForHash().multiGet(NAMES_KEY, keys));
                for (int i = 0; i < keys.size(); i++) {
                    if (values.get(i) != null) {
                        current.put(String.valueOf(keys.get(i)), String.valueOf(values.get(i)));
                    }
                }
            }
        } catch (CacheUnavailableException e) {
            return searchDatabase(wanted, limit);
        }
        forgetStaleWords(members, current);
        List<PlayerEntry> players = new ArrayList<>();
        List<TeamEntry> teams = new ArrayList<>();
        for (String field : fields) {
            String name = current.get(field);
            // A word of a name since changed or purged: the index is only a guide, the names hash decides.
            if (name == null || words(name).stream().noneMatch(word -> word.startsWith(wanted))) {
                continue;
            }
            if (field.startsWith("player:")) {
                players.add(new PlayerEntry(id(field), name, current.get(playerTeamField(id(field)))));
            } else if (field.startsWith("team:")) {
                teams.add(new TeamEntry(id(field), name));
            }
        }
        return new Found(players.stream().sorted(Comparator.comparing(PlayerEntry::playerName)).limit(limit).toList(),
                teams.stream().sorted(Comparator.comparing(TeamEntry::teamAbbreviation)).limit(limit).toList());
    }

    /** Drops the index words of names since changed or forgotten that a search came across, so they do not pile up. */
    private void forgetStaleWords(List<String> members, Map<String, String> current) {
        Object[] stale = members.stream().filter(member -> {
            String name = current.get(member.substring(member.lastIndexOf(SEPARATOR) + 1));
            return name == null || !words(name).contains(member.substring(0, member.lastIndexOf(SEPARATOR)));
        }).toArray();
        if (stale.length > 0) {
            try {
                pipelines.call(() -> pipelines.template().opsForZSet().remove(SEARCH_KEY, stale));
            } catch (CacheUnavailableException e) {
                // The next search that comes across them tries again.
            }
        }
    }

    private static long id(String field) {
        return Long.parseLong(field.substring(field.indexOf(':') + 1));
    }

    /** The lower-cased words a name is found by: the whole name, each word, and each part of a hyphenated word. */
    static Set<String> words(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        Set<String> words = new LinkedHashSet<>();
        if (!lower.isEmpty()) {
            words.add(lower);
        }
        for (String word : lower.split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
                for (String part : word.split("[-'.]")) {
                    if (!part.isEmpty()) {
                        words.add(part);
                    }
                }
            }
        }
        return words;
    }

    /** Adds the words of the player and team names among {@code names} (fields to values) to the search index. */
    private static void indexWords(RedisConnection connection, Map<String, String> names) {
        Set<Tuple> members = new LinkedHashSet<>();
        names.forEach((field, name) -> {
            if (field.startsWith("player:") || field.startsWith("team:")) {
                words(name).forEach(word -> members.add(new DefaultTuple(
                        RedisPipelines.bytes(word + SEPARATOR + field), 0.0)));
            }
        });
        if (!members.isEmpty()) {
            connection.zSetCommands().zAdd(RedisPipelines.bytes(SEARCH_KEY), members);
        }
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

    /**
     * Forgets the names (and their search words) of players and teams that have no line left, e.g. after
     * stats-service's retention dropped their seasons: their removal events leave the names behind, since a name is
     * not an aggregate. The hash is read before PostgreSQL, so a name written after its line was committed is never
     * purged; one written by a line committed meanwhile may be, and is then read from PostgreSQL (and written again
     * by the next event of that player).
     *
     * @return how many players and teams were forgotten
     */
    public int purgeNamesWithoutLines() {
        Map<Object, Object> all = pipelines.call(() -> pipelines.template().opsForHash().entries(NAMES_KEY));
        Set<Long> players = database.playersWithLines();
        Set<Long> teams = database.teamsWithLines();
        List<byte[]> fields = new ArrayList<>();
        List<byte[]> words = new ArrayList<>();
        int forgotten = 0;
        for (Map.Entry<Object, Object> entry : all.entrySet()) {
            String field = String.valueOf(entry.getKey());
            boolean player = field.startsWith("player:");
            boolean team = field.startsWith("team:");
            if (!(player || team) || (player ? players : teams).contains(id(field))) {
                continue;
            }
            forgotten++;
            fields.add(RedisPipelines.bytes(field));
            if (player) {
                fields.add(RedisPipelines.bytes(playerTeamField(id(field))));
            }
            words(String.valueOf(entry.getValue())).forEach(word -> words.add(RedisPipelines.bytes(word + SEPARATOR + field)));
        }
        if (forgotten > 0) {
            nameWrites.lock();
            try {
                pipelines.pipelined(connection -> {
                    connection.hashCommands().hDel(RedisPipelines.bytes(NAMES_KEY), fields.toArray(byte[][]::new));
                    connection.zSetCommands().zRem(RedisPipelines.bytes(SEARCH_KEY), words.toArray(byte[][]::new));
                }, List.of());
                // Written again by the next event of such a player, should he come back: a consumer's write of his
                // name is wholly before this (deleted, then forgotten) or wholly after (in Redis and remembered).
                written.clear();
            } finally {
                nameWrites.unlock();
            }
        }
        return forgotten;
    }

    /**
     * Indexes the words of every name kept when the index is missing while names are not (a cache written by a
     * version without the index): otherwise those names would be found only after their next event.
     *
     * @return how many names were indexed
     */
    public int indexNamesIfMissing() {
        if (Boolean.TRUE.equals(pipelines.call(() -> pipelines.template().hasKey(SEARCH_KEY)))) {
            return 0;
        }
        Map<String, String> names = new HashMap<>();
        pipelines.call(() -> pipelines.template().opsForHash().entries(NAMES_KEY))
                .forEach((field, name) -> names.put(String.valueOf(field), String.valueOf(name)));
        names.keySet().removeIf(field -> field.startsWith("player-team:"));
        if (!names.isEmpty()) {
            pipelines.pipelined(connection -> indexWords(connection, names), List.of());
        }
        return names.size();
    }

    private Found searchDatabase(String wanted, int limit) {
        return new Found(database.searchPlayers(wanted, limit).stream()
                .map(player -> new PlayerEntry(player.playerId(), player.playerName(), player.teamAbbreviation())).toList(),
                database.searchTeams(wanted, limit).stream()
                        .map(team -> new TeamEntry(team.teamId(), team.teamAbbreviation())).toList());
    }

    /**
     * Fills the directory from PostgreSQL when a full rebuild starts (after a flush, say), before its ledgers load:
     * synchronously, so that a failure here fails the rebuild as before.
     */
    @EventListener
    void fillFromDatabase(FullRebuildStarted started) {
        Map<String, String> names = new HashMap<>();
        database.everyPlayerName((id, name) -> names.put(playerField(id), name));
        database.everyPlayerTeam((id, team) -> names.put(playerTeamField(id), team));
        database.everyTeamAbbreviation((id, name) -> names.put(teamField(id), name));
        Map<String, Map<String, String>> games = new HashMap<>();
        database.everyGameTeam((game, team, abbreviation) ->
                games.computeIfAbsent(game, id -> new HashMap<>()).put(Long.toString(team), abbreviation));
        if (!names.isEmpty()) {
            nameWrites.lock();
            try {
                pipelines.pipelined(connection -> {
                    connection.hashCommands().hMSet(RedisPipelines.bytes(NAMES_KEY), bytes(names));
                    indexWords(connection, names);
                }, List.of());
                // What the events wrote before may differ from what PostgreSQL holds: the next ones write theirs again.
                written.clear();
            } finally {
                nameWrites.unlock();
            }
        }
        List<String> gameIds = List.copyOf(games.keySet());
        for (int from = 0; from < gameIds.size(); from += FILL_CHUNK) {
            List<String> chunk = gameIds.subList(from, Math.min(from + FILL_CHUNK, gameIds.size()));
            pipelines.pipelined(connection -> chunk.forEach(game ->
                    connection.hashCommands().hMSet(RedisPipelines.bytes(gameKey(game)), bytes(games.get(game)))), List.of());
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

    /** A map of at most {@link #REMEMBERED} entries, the oldest dropped first, shared by the consumer threads. */
    private static <V> Map<String, V> boundedMap() {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > REMEMBERED;
            }
        });
    }

    private static Map<Long, String> teams(Map<?, ?> hash) {
        return hash.entrySet().stream().collect(Collectors.toMap(e -> Long.parseLong(String.valueOf(e.getKey())),
                e -> String.valueOf(e.getValue())));
    }

    private static Map<byte[], byte[]> bytes(Map<String, String> map) {
        Map<byte[], byte[]> bytes = new HashMap<>();
        map.forEach((k, v) -> bytes.put(RedisPipelines.bytes(k), RedisPipelines.bytes(v)));
        return bytes;
    }
}
