package courtside.aggregation.cache;

import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The season sums in Redis: the only class that talks to it. Every change of a ledger goes through a Lua
 * script, atomic and inside the ledger's hash slot; batches of them are pipelined. Any Redis failure
 * surfaces as {@link CacheUnavailableException}.
 */
@Component
public final class SeasonCache {

    /** Holds {@link Ledger#LAYOUT_VERSION} once a full rebuild has filled the cache in that layout. */
    static final String LAYOUT_KEY = "courtside:layout";
    private static final String REBUILD_LOCK_KEY = Ledger.PREFIX + "rebuild-lock";
    /** A loader that died leaves its fence behind; it goes away by itself. */
    private static final Duration FENCE_EXPIRY = Duration.ofMinutes(10);

    private final StringRedisTemplate redis;
    private final DefaultRedisScript<String> applyScript;
    private final DefaultRedisScript<Long> loadScript;
    @SuppressWarnings("rawtypes")
    private final DefaultRedisScript<List> readScript;

    public SeasonCache(StringRedisTemplate redis) {
        this.redis = redis;
        String stats = Arrays.stream(BoxScoreStat.values()).map(s -> "'" + s.wireName() + "'").collect(Collectors.joining(", "));
        this.applyScript = new DefaultRedisScript<>(script("apply-line.lua")
                .replace("--[[STATS]]", stats)
                .replace("--[[FIRST_SHOOTING]]", Integer.toString(BoxScoreStat.FGM.ordinal() + 1)), String.class);
        this.loadScript = new DefaultRedisScript<>(script("load-ledger.lua"), Long.class);
        this.readScript = new DefaultRedisScript<>(script("read-season.lua"), List.class);
    }

    /** What applying one line version to one ledger did. */
    public enum Outcome {
        /** The ledger is not loaded: load it, then apply again. */
        UNLOADED,
        APPLIED,
        /** The ledger had this version already: a redelivery. */
        DUPLICATE,
        /** The ledger was loaded from PostgreSQL for this event and already had it (set by the caller). */
        LOADED,
        /** The ledger has a newer version. */
        STALE
    }

    /**
     * @param version the ledger's version of the line after the step (for a player: the newest it has seen)
     */
    public record Applied(Outcome outcome, long version) {
    }

    /**
     * One line version for one ledger.
     *
     * @param state        the line's state, {@link LineState#encode() encoded}
     * @param floorVersion the lowest version that may enter a ledger that does not know the line yet
     */
    public record LineUpdate(Ledger ledger, String field, String state, long floorVersion) {

        public LineUpdate withFloor(long floor) {
            return new LineUpdate(ledger, field, state, floor);
        }
    }

    /** Applies the updates in one pipelined round trip, each atomically; the answers come back in order. */
    public List<Applied> apply(List<LineUpdate> updates) {
        if (updates.isEmpty()) {
            return List.of();
        }
        List<Object> replies = pipelined(connection -> updates.forEach(update -> {
            Ledger ledger = update.ledger();
            List<String> keysAndArgs = new ArrayList<>(List.of(ledger.loadedKey(), ledger.linesKey(), ledger.seasonsKey()));
            if (ledger.side() == Ledger.Side.TEAM) {
                keysAndArgs.add(ledger.gamesKey());
            }
            int keys = keysAndArgs.size();
            keysAndArgs.addAll(List.of(ledger.prefix(), update.field(), update.state(), Long.toString(update.floorVersion())));
            connection.scriptingCommands().evalSha(applyScript.getSha1(), ReturnType.VALUE, keys, bytes(keysAndArgs));
        }));
        List<Applied> applied = new ArrayList<>(replies.size());
        for (Object reply : replies) {
            String[] parts = String.valueOf(reply).split(" ");
            applied.add(new Applied(Outcome.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)), Long.parseLong(parts[1])));
        }
        return applied;
    }

    /** What writing a loaded ledger did. */
    public enum LoadOutcome {
        WRITTEN,
        /** Someone else loaded it first; theirs stays. */
        ALREADY_LOADED,
        /** The cache was emptied after the fence was set: the snapshot may be stale, take a new one. */
        FENCED_OUT
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
                keysAndArgs.add(marker);
                loadArguments(snapshots.get(i), keysAndArgs);
                connection.scriptingCommands().evalSha(loadScript.getSha1(), ReturnType.INTEGER, 2, bytes(keysAndArgs));
            }
        });
        return replies.stream().map(reply -> switch (((Number) reply).intValue()) {
            case 1 -> LoadOutcome.WRITTEN;
            case 0 -> LoadOutcome.ALREADY_LOADED;
            default -> LoadOutcome.FENCED_OUT;
        }).toList();
    }

    /** What a ledger holds for one season. */
    public record CachedSeason(Status status, String season, SeasonTotals totals) {

        public enum Status {
            /** The ledger is not loaded: a miss. */
            UNLOADED,
            /** Loaded, with no line in that season (or no season of that type at all). */
            NONE,
            FOUND
        }
    }

    /**
     * One season's sums in one round trip.
     *
     * @param season the season, or {@code null} for the latest one of the type
     */
    @SuppressWarnings("unchecked")
    public CachedSeason read(Ledger ledger, String season, SeasonType seasonType) {
        List<Object> reply;
        try {
            reply = redis.execute(readScript, List.of(ledger.loadedKey(), ledger.seasonsKey()),
                    ledger.prefix(), season == null ? "" : season, seasonType.wireName());
        } catch (DataAccessException e) {
            throw new CacheUnavailableException(e);
        }
        return switch (String.valueOf(reply.getFirst())) {
            case "unloaded" -> new CachedSeason(CachedSeason.Status.UNLOADED, season, null);
            case "none" -> new CachedSeason(CachedSeason.Status.NONE, season, null);
            default -> {
                Map<String, Long> sums = new HashMap<>();
                for (int i = 2; i + 1 < reply.size(); i += 2) {
                    sums.put(String.valueOf(reply.get(i)), Long.parseLong(String.valueOf(reply.get(i + 1))));
                }
                yield new CachedSeason(CachedSeason.Status.FOUND, String.valueOf(reply.get(1)), totals(ledger.side(), sums));
            }
        };
    }

    /** Whether the cache was filled, in the current layout, by a full rebuild that has not been lost since. */
    public boolean layoutCurrent() {
        return call(() -> String.valueOf(Ledger.LAYOUT_VERSION).equals(redis.opsForValue().get(LAYOUT_KEY)));
    }

    public void markLayoutCurrent() {
        call(() -> {
            redis.opsForValue().set(LAYOUT_KEY, String.valueOf(Ledger.LAYOUT_VERSION));
            return null;
        });
    }

    /** One full rebuild at a time across every instance; the lock expires if its holder dies. */
    public boolean lockRebuild(String owner, Duration expiry) {
        return call(() -> Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(REBUILD_LOCK_KEY, owner, expiry)));
    }

    public void unlockRebuild(String owner) {
        call(() -> {
            if (owner.equals(redis.opsForValue().get(REBUILD_LOCK_KEY))) {
                redis.delete(REBUILD_LOCK_KEY);
            }
            return null;
        });
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
        snapshot.seasons().forEach((season, totals) -> {
            List<String> fields = new ArrayList<>(List.of("lines", Long.toString(totals.lines()),
                    "shooting_games", Long.toString(totals.shootingGames())));
            if (ledger.side() == Ledger.Side.TEAM) {
                fields.addAll(List.of("games", Long.toString(totals.games())));
            }
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
    }

    private static void group(List<String> args, String key, String kind, List<String> items) {
        if (!items.isEmpty()) {
            args.add(key);
            args.add(kind);
            args.add(Integer.toString(items.size()));
            args.addAll(items);
        }
    }

    /**
     * Runs the commands in one pipeline. Scripts are sent by their SHA; after a Redis restart has emptied its
     * script cache they are loaded again and the pipeline is repeated, which is safe because every script is
     * idempotent.
     */
    private List<Object> pipelined(Consumer<RedisConnection> commands) {
        try {
            return runPipeline(commands);
        } catch (DataAccessException e) {
            if (!mentionsNoScript(e)) {
                throw new CacheUnavailableException(e);
            }
        }
        try {
            redis.execute((RedisCallback<Void>) connection -> {
                for (RedisScript<?> script : List.of(applyScript, loadScript, readScript)) {
                    connection.scriptingCommands().scriptLoad(script.getScriptAsString().getBytes(StandardCharsets.UTF_8));
                }
                return null;
            });
            return runPipeline(commands);
        } catch (DataAccessException e) {
            throw new CacheUnavailableException(e);
        }
    }

    private List<Object> runPipeline(Consumer<RedisConnection> commands) {
        return redis.executePipelined((RedisCallback<Object>) connection -> {
            commands.accept(connection);
            return null;
        });
    }

    private <T> T call(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (DataAccessException e) {
            throw new CacheUnavailableException(e);
        }
    }

    private static boolean mentionsNoScript(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
                return true;
            }
            if (cause instanceof org.springframework.data.redis.connection.RedisPipelineException pipeline
                    && pipeline.getPipelineResult().stream().anyMatch(r -> r instanceof Throwable t
                    && t.getMessage() != null && t.getMessage().contains("NOSCRIPT"))) {
                return true;
            }
        }
        return false;
    }

    private static byte[][] bytes(List<String> values) {
        byte[][] bytes = new byte[values.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    private static String script(String name) {
        try {
            return new ClassPathResource("scripts/" + name).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
