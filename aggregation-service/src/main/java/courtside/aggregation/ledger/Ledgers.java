package courtside.aggregation.ledger;

import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.cache.RedisPipelines;
import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The ledgers in Redis: the only class that reads or writes them (the read models derived from them keep keys of
 * their own). Every change of a ledger goes through a Lua
 * script, atomic and inside the ledger's hash slot; batches of them are pipelined. Any Redis failure
 * surfaces as {@link CacheUnavailableException}. Whether they are complete, and the rebuild lock: {@link CacheLayout}.
 */
@Component
public final class Ledgers {

    /** A player's season sums count his lines for each team under {@code team:<team_id>}. */
    private static final String TEAM_LINES = "team:";
    /** A loader that died leaves its fence behind; it goes away by itself. */
    private static final Duration FENCE_EXPIRY = Duration.ofMinutes(10);

    private final StringRedisTemplate redis;
    private final RedisPipelines pipelines;
    private final DefaultRedisScript<String> applyScript;
    private final DefaultRedisScript<Long> loadScript;
    @SuppressWarnings("rawtypes")
    private final DefaultRedisScript<List> readScript;
    @SuppressWarnings("rawtypes")
    private final DefaultRedisScript<List> purgeScript;

    Ledgers(RedisPipelines pipelines) {
        this.pipelines = pipelines;
        this.redis = pipelines.template();
        String stats = Arrays.stream(BoxScoreStat.values()).map(s -> "'" + s.wireName() + "'").collect(Collectors.joining(", "));
        this.applyScript = new DefaultRedisScript<>(RedisPipelines.source("apply-line.lua")
                .replace("--[[STATS]]", stats)
                .replace("--[[FIRST_SHOOTING]]", Integer.toString(BoxScoreStat.FGM.ordinal() + 1)), String.class);
        this.loadScript = RedisPipelines.script("load-ledger.lua", Long.class);
        this.readScript = RedisPipelines.script("read-season.lua", List.class);
        this.purgeScript = RedisPipelines.script("purge-retired.lua", List.class);
    }

    /**
     * Applies the updates in one pipelined round trip, each atomically; the answers come back in order.
     *
     * <p>Only the last update of each season of a ledger in the list answers with the season as it leaves it
     * ({@link Applied#standing()}); the earlier ones answer without. The pipeline runs in order, so the last one's
     * season is at the newest revision of them all, which is all the leader tables keep: the earlier ones' sums
     * would be encoded and sent for nothing (a team has a dozen or so lines in each game of a batch). Should the
     * last one not be applied (its ledger missing, or refusing the season), the caller applies it again or reads
     * the season back.
     */
    public List<Applied> apply(List<LineUpdate> updates) {
        if (updates.isEmpty()) {
            return List.of();
        }
        boolean[] tellsSeason = lastOfEachSeason(updates);
        List<Object> replies = pipelined(connection -> {
            for (int i = 0; i < updates.size(); i++) {
                LineUpdate update = updates.get(i);
                Ledger ledger = update.ledger();
                List<String> keysAndArgs = new ArrayList<>(List.of(ledger.loadedKey(), ledger.linesKey(), ledger.seasonsKey(),
                        ledger.revisionKey(), ledger.retiredKey()));
                if (ledger.side() == Ledger.Side.TEAM) {
                    keysAndArgs.add(ledger.gamesKey());
                    keysAndArgs.add(ledger.gameSumsKey());
                }
                int keys = keysAndArgs.size();
                keysAndArgs.addAll(List.of(ledger.prefix(), update.field(), update.state(), Long.toString(update.floorVersion()),
                        tellsSeason[i] ? "1" : "0"));
                connection.scriptingCommands().evalSha(applyScript.getSha1(), ReturnType.VALUE, keys, bytes(keysAndArgs));
            }
        });
        List<Applied> applied = new ArrayList<>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            String[] parts = String.valueOf(replies.get(i)).split(" ");
            LineState previous = parts.length > 2 && !parts[2].equals("-") ? LineState.decode(parts[2]) : null;
            CachedSeason standing = parts.length > 3 ? standing(updates.get(i), parts) : null;
            applied.add(new Applied(ApplyOutcome.valueOf(parts[0].toUpperCase(Locale.ROOT)), Long.parseLong(parts[1]),
                    previous, standing));
        }
        return applied;
    }

    /** Whether each update is the last of the list on its line's season of its ledger (the season's sums key). */
    private static boolean[] lastOfEachSeason(List<LineUpdate> updates) {
        boolean[] last = new boolean[updates.size()];
        Set<String> seen = new HashSet<>();
        for (int i = updates.size() - 1; i >= 0; i--) {
            LineUpdate update = updates.get(i);
            // The state begins version|deleted|season|season type|...
            String[] state = update.state().split("\\|", 5);
            last[i] = seen.add(update.ledger().prefix() + ":season:" + state[2] + ":" + state[3]);
        }
        return last;
    }

    /** The line's season as the apply script left it: the revision, then the sums' fields and values. */
    private static CachedSeason standing(LineUpdate update, String[] parts) {
        // The state begins version|deleted|season|season type|...
        String[] state = update.state().split("\\|", 5);
        long revision = Long.parseLong(parts[3]);
        if (parts.length == 4) {
            return new CachedSeason(CachedSeason.Status.NONE, state[2], null, revision, 0, 0);
        }
        Map<String, Long> sums = new HashMap<>();
        for (int i = 4; i + 1 < parts.length; i += 2) {
            sums.put(parts[i], Long.parseLong(parts[i + 1]));
        }
        return found(update.ledger(), state[2], sums, revision);
    }

    /**
     * Sets a fence for each ledger, to be set <em>before</em> its snapshot is taken.
     *
     * @return the fence keys, in order, to hand to {@link #load}
     */
    public List<String> fence(List<Ledger> ledgers) {
        List<String> fences = ledgers.stream().map(ledger -> ledger.fenceKey(UUID.randomUUID().toString())).toList();
        pipelined(connection -> fences.forEach(fence -> connection.stringCommands().set(fence.getBytes(StandardCharsets.UTF_8),
                new byte[]{'1'}, Expiration.from(FENCE_EXPIRY), RedisStringCommands.SetOption.upsert())));
        return fences;
    }

    /** Removes fences that will not be used, such as those of ledgers PostgreSQL had nothing for. */
    public void dropFences(List<String> fences) {
        if (!fences.isEmpty()) {
            call(() -> redis.delete(fences));
        }
    }

    /**
     * Writes each snapshot unless its ledger is loaded already or its fence is gone, in one pipelined round
     * trip.
     *
     * @param fences the fence of each snapshot's ledger, set before the snapshot was taken
     */
    public List<LoadOutcome> load(List<LedgerSnapshot> snapshots, List<String> fences, String marker) {
        if (snapshots.isEmpty()) {
            return List.of();
        }
        List<Object> replies = pipelined(connection -> {
            for (int i = 0; i < snapshots.size(); i++) {
                List<String> keysAndArgs = new ArrayList<>();
                keysAndArgs.add(snapshots.get(i).ledger().loadedKey());
                keysAndArgs.add(fences.get(i));
                keysAndArgs.add(snapshots.get(i).ledger().revisionKey());
                keysAndArgs.add(marker);
                loadArguments(snapshots.get(i), keysAndArgs);
                connection.scriptingCommands().evalSha(loadScript.getSha1(), ReturnType.INTEGER, 3, bytes(keysAndArgs));
            }
        });
        return replies.stream().map(reply -> switch (((Number) reply).intValue()) {
            case 1 -> LoadOutcome.WRITTEN;
            case 0 -> LoadOutcome.ALREADY_LOADED;
            default -> LoadOutcome.FENCED_OUT;
        }).toList();
    }

    /**
     * One season's sums in one round trip.
     *
     * @param season the season, or {@code null} for the latest one of the type
     */
    public CachedSeason read(Ledger ledger, String season, SeasonType seasonType) {
        try {
            if (season != null) {
                // A season's sums exist only while their ledger is loaded and the season has lines: a load writes
                // them with the loaded marker in one script, the apply script deletes them with the season's last
                // line, and Redis never evicts (docs/configuration.md, REDIS_ADDR). So sums found are a hit without
                // the script, which costs Redis's one thread twice a plain HGETALL; only a miss or an unknown season
                // runs it.
                byte[] key = RedisPipelines.bytes(ledger.seasonKey(season, seasonType));
                // The connection is exposed: the callback does not let it escape, so the template need not wrap
                // it in a close-suppressing proxy on every read.
                Map<byte[], byte[]> sums = redis.execute(
                        (RedisCallback<Map<byte[], byte[]>>) connection -> connection.hashCommands().hGetAll(key), true);
                if (sums != null && !sums.isEmpty()) {
                    Map<String, Long> values = new HashMap<>();
                    sums.forEach((field, value) -> values.put(new String(field, StandardCharsets.UTF_8),
                            Long.parseLong(new String(value, StandardCharsets.UTF_8))));
                    return found(ledger, season, values, 0);
                }
            }
            List<Object> reply = redis.execute(readScript, readKeys(ledger), ledger.prefix(), season == null ? "" : season,
                    seasonType.wireName());
            return cachedSeason(ledger, season, reply);
        } catch (DataAccessException e) {
            throw new CacheUnavailableException(e);
        }
    }

    /** Many seasons (none {@code null}) in one pipelined round trip, in order. */
    public List<CachedSeason> readAll(List<SeasonOfLedger> seasons) {
        if (seasons.isEmpty()) {
            return List.of();
        }
        List<Object> replies = pipelined(connection -> seasons.forEach(s -> {
            List<String> keysAndArgs = new ArrayList<>(readKeys(s.ledger()));
            keysAndArgs.addAll(List.of(s.ledger().prefix(), s.season(), s.seasonType().wireName()));
            connection.scriptingCommands().evalSha(readScript.getSha1(), ReturnType.MULTI, 3, bytes(keysAndArgs));
        }));
        List<CachedSeason> read = new ArrayList<>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            read.add(cachedSeason(seasons.get(i).ledger(), seasons.get(i).season(), (List<?>) replies.get(i)));
        }
        return read;
    }

    /** Every line state of a ledger, by line field; empty when the ledger is not loaded. */
    public Optional<Map<String, LineState>> lines(Ledger ledger) {
        List<Object> replies = pipelined(connection -> {
            connection.keyCommands().exists(ledger.loadedKey().getBytes(StandardCharsets.UTF_8));
            connection.hashCommands().hGetAll(ledger.linesKey().getBytes(StandardCharsets.UTF_8));
        });
        if (!Boolean.TRUE.equals(replies.get(0)) && !Long.valueOf(1).equals(replies.get(0))) {
            return Optional.empty();
        }
        Map<String, LineState> lines = new HashMap<>();
        ((Map<?, ?>) replies.get(1)).forEach((field, state) -> lines.put(String.valueOf(field), LineState.decode(String.valueOf(state))));
        return Optional.of(lines);
    }

    /**
     * Teams' sums in some of their games ({@link GameSums}), in one pipelined round trip: for each team ledger, the
     * sums of each game asked that it has a counting line in. A ledger that is not loaded is left out of the answer.
     *
     * @param games each team ledger's games asked, as {@code season|season_type|game_id} fields; an empty list asks
     *              for every game of the ledger
     */
    public Map<Ledger, Map<String, SeasonTotals>> gameSums(Map<Ledger, List<String>> games) {
        List<Map.Entry<Ledger, List<String>>> asked = List.copyOf(games.entrySet());
        List<Object> replies = pipelined(connection -> asked.forEach(entry -> {
            Ledger ledger = entry.getKey();
            connection.keyCommands().exists(RedisPipelines.bytes(ledger.loadedKey()));
            byte[] key = RedisPipelines.bytes(ledger.gameSumsKey());
            if (entry.getValue().isEmpty()) {
                connection.hashCommands().hGetAll(key);
            } else {
                connection.hashCommands().hMGet(key, bytes(entry.getValue()));
            }
        }));
        Map<Ledger, Map<String, SeasonTotals>> found = new HashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            Object loaded = replies.get(2 * i);
            if (!Boolean.TRUE.equals(loaded) && !Long.valueOf(1).equals(loaded)) {
                continue;
            }
            Map<String, SeasonTotals> sums = new HashMap<>();
            Object reply = replies.get(2 * i + 1);
            if (reply instanceof Map<?, ?> all) {
                all.forEach((field, value) -> sums.put(text(field), GameSums.decode(text(value))));
            } else {
                List<String> fields = asked.get(i).getValue();
                List<?> values = (List<?>) reply;
                for (int j = 0; j < fields.size(); j++) {
                    if (values.get(j) != null) {
                        sums.put(fields.get(j), GameSums.decode(text(values.get(j))));
                    }
                }
            }
            found.put(asked.get(i).getKey(), sums);
        }
        return found;
    }

    /**
     * Forgets, in each ledger, the seasons before {@code firstKept} (stats-service's retention dropped them): their
     * tombstones go, and the ledger refuses their events from then on. Each ledger atomically, and only one that
     * holds no counting line of them; in one pipelined round trip, the answers in order.
     */
    public List<RetiredPurge> purgeRetired(List<Ledger> ledgers, String firstKept) {
        if (ledgers.isEmpty()) {
            return List.of();
        }
        List<Object> replies = pipelines.pipelined(connection -> ledgers.forEach(ledger -> {
            List<String> keysAndArgs = new ArrayList<>(List.of(ledger.loadedKey(), ledger.linesKey(), ledger.seasonsKey(),
                    ledger.revisionKey(), ledger.retiredKey()));
            if (ledger.side() == Ledger.Side.TEAM) {
                keysAndArgs.add(ledger.gamesKey());
            }
            int keys = keysAndArgs.size();
            keysAndArgs.addAll(List.of(ledger.prefix(), firstKept));
            connection.scriptingCommands().evalSha(purgeScript.getSha1(), ReturnType.MULTI, keys, bytes(keysAndArgs));
        }), List.of(purgeScript));
        List<RetiredPurge> purged = new ArrayList<>(replies.size());
        for (Object reply : replies) {
            List<?> parts = (List<?>) reply;
            PurgeOutcome outcome = PurgeOutcome.valueOf(text(parts.getFirst()).toUpperCase(Locale.ROOT));
            long lines = parts.size() > 1 ? Long.parseLong(text(parts.get(1))) : 0;
            List<String> games = parts.size() > 2 ? parts.subList(2, parts.size()).stream().map(Ledgers::text).toList() : List.of();
            purged.add(new RetiredPurge(outcome, lines, games));
        }
        return purged;
    }

    /**
     * Hands every loaded ledger to {@code each}, a slice at a time, as Redis's SCAN finds them: one loaded the whole
     * time is found at least once; one loaded meanwhile may not be.
     */
    public void forEachLoaded(int slice, Consumer<List<Ledger>> each) {
        ScanOptions options = ScanOptions.scanOptions().match(Ledger.PREFIX + "{*}:loaded").count(1000).build();
        call(() -> {
            try (Cursor<String> keys = redis.scan(options)) {
                List<Ledger> ledgers = new ArrayList<>(slice);
                while (keys.hasNext()) {
                    Ledger ledger = Ledger.ofLoadedKey(keys.next());
                    if (ledger != null) {
                        ledgers.add(ledger);
                    }
                    if (ledgers.size() == slice) {
                        each.accept(List.copyOf(ledgers));
                        ledgers.clear();
                    }
                }
                if (!ledgers.isEmpty()) {
                    each.accept(List.copyOf(ledgers));
                }
            }
            return null;
        });
    }

    private static String text(Object reply) {
        return reply instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    private static List<String> readKeys(Ledger ledger) {
        return List.of(ledger.loadedKey(), ledger.seasonsKey(), ledger.revisionKey());
    }

    private static CachedSeason cachedSeason(Ledger ledger, String season, List<?> reply) {
        return switch (String.valueOf(reply.getFirst())) {
            case "unloaded" -> new CachedSeason(CachedSeason.Status.UNLOADED, season, null, 0, 0, 0);
            case "none" -> new CachedSeason(CachedSeason.Status.NONE, season, null, Long.parseLong(String.valueOf(reply.get(1))), 0, 0);
            default -> {
                Map<String, Long> sums = new HashMap<>();
                for (int i = 3; i + 1 < reply.size(); i += 2) {
                    sums.put(String.valueOf(reply.get(i)), Long.parseLong(String.valueOf(reply.get(i + 1))));
                }
                yield found(ledger, String.valueOf(reply.get(2)), sums, Long.parseLong(String.valueOf(reply.get(1))));
            }
        };
    }

    private static CachedSeason found(Ledger ledger, String season, Map<String, Long> sums, long revision) {
        int teams = (int) sums.keySet().stream().filter(field -> field.startsWith(TEAM_LINES)).count();
        return new CachedSeason(CachedSeason.Status.FOUND, season, totals(ledger.side(), sums), revision,
                sums.getOrDefault("team", 0L), teams);
    }

    private static SeasonTotals totals(Ledger.Side side, Map<String, Long> sums) {
        Map<BoxScoreStat, Long> stats = new EnumMap<>(BoxScoreStat.class);
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            stats.put(stat, sums.getOrDefault(stat.wireName(), 0L));
        }
        long lines = sums.getOrDefault("lines", 0L);
        long games = side == Ledger.Side.TEAM ? sums.getOrDefault("games", 0L) : lines;
        return new SeasonTotals(lines, games, sums.getOrDefault("shooting_games", 0L), stats);
    }

    private static void loadArguments(LedgerSnapshot snapshot, List<String> args) {
        Ledger ledger = snapshot.ledger();
        Map<LedgerSnapshot.SeasonOf, LineState> latestGames = ledger.side() == Ledger.Side.PLAYER ? latestGames(snapshot) : Map.of();
        // A player's lines per team in each season, grouped once: a loop per season would walk every line again.
        Map<LedgerSnapshot.SeasonOf, Map<Long, Long>> linesPerTeam = ledger.side() == Ledger.Side.PLAYER
                ? counting(snapshot).collect(Collectors.groupingBy(line -> new LedgerSnapshot.SeasonOf(line.season(), line.seasonType()),
                        Collectors.groupingBy(LineState::teamId, Collectors.counting())))
                : Map.of();
        snapshot.seasons().forEach((season, totals) -> {
            List<String> fields = new ArrayList<>(List.of("lines", Long.toString(totals.lines()),
                    "shooting_games", Long.toString(totals.shootingGames())));
            if (ledger.side() == Ledger.Side.TEAM) {
                fields.addAll(List.of("games", Long.toString(totals.games())));
            }
            LineState latest = latestGames.get(season);
            if (latest != null) {
                fields.addAll(List.of("last_date", latest.gameDate().format(DateTimeFormatter.BASIC_ISO_DATE),
                        "team", Long.toString(latest.teamId())));
            }
            linesPerTeam.getOrDefault(season, Map.of())
                    .forEach((team, lines) -> fields.addAll(List.of(TEAM_LINES + team, Long.toString(lines))));
            totals.sums().forEach((stat, sum) -> fields.addAll(List.of(stat.wireName(), Long.toString(sum))));
            group(args, ledger.seasonKey(season.season(), season.seasonType()), "hash", fields);
        });
        group(args, ledger.seasonsKey(), "set", snapshot.seasons().keySet().stream()
                .map(season -> Ledger.seasonMember(season.season(), season.seasonType())).toList());
        List<String> lines = new ArrayList<>(snapshot.lines().size() * 2);
        snapshot.lines().forEach((field, state) -> {
            lines.add(field);
            lines.add(state.encode());
        });
        group(args, ledger.linesKey(), "hash", lines);
        List<String> games = new ArrayList<>(snapshot.gameLines().size() * 2);
        snapshot.gameLines().forEach((field, count) -> {
            games.add(field);
            games.add(Long.toString(count));
        });
        group(args, ledger.gamesKey(), "hash", games);
        if (ledger.side() == Ledger.Side.TEAM) {
            List<String> gameSums = new ArrayList<>();
            counting(snapshot).collect(Collectors.groupingBy(line -> Ledger.gameField(line.season(), line.seasonType(), line.gameId())))
                    .forEach((game, gameLines) -> {
                        gameSums.add(game);
                        gameSums.add(GameSums.encode(gameLines));
                    });
            group(args, ledger.gameSumsKey(), "hash", gameSums);
        }
        if (snapshot.retiredBefore() != null) {
            group(args, ledger.retiredKey(), "value", List.of(snapshot.retiredBefore()));
        }
    }

    private static Stream<LineState> counting(LedgerSnapshot snapshot) {
        return snapshot.lines().values().stream().filter(line -> !line.deleted());
    }

    /**
     * A player's latest counting line of each season, as the apply script keeps it in the season sums: the latest
     * date, and on one date the greatest game id (ids are ASCII, so String order is the script's byte order).
     */
    private static Map<LedgerSnapshot.SeasonOf, LineState> latestGames(LedgerSnapshot snapshot) {
        Comparator<LineState> order = Comparator.comparing(LineState::gameDate).thenComparing(LineState::gameId);
        Map<LedgerSnapshot.SeasonOf, LineState> latest = new HashMap<>();
        snapshot.lines().values().stream().filter(line -> !line.deleted()).forEach(line ->
                latest.merge(new LedgerSnapshot.SeasonOf(line.season(), line.seasonType()), line,
                        BinaryOperator.maxBy(order)));
        return latest;
    }

    private static void group(List<String> args, String key, String kind, List<String> items) {
        if (!items.isEmpty()) {
            args.add(key);
            args.add(kind);
            args.add(Integer.toString(items.size()));
            args.addAll(items);
        }
    }

    private List<Object> pipelined(Consumer<RedisConnection> commands) {
        return pipelines.pipelined(commands, List.of(applyScript, loadScript, readScript));
    }

    private <T> T call(Supplier<T> command) {
        return pipelines.call(command);
    }

    private static byte[][] bytes(List<String> values) {
        return RedisPipelines.bytes(values);
    }
}
