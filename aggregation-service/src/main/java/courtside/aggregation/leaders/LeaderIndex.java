package courtside.aggregation.leaders;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.cache.RedisPipelines;
import courtside.aggregation.ledger.Ledgers;
import courtside.aggregation.ledger.CachedSeason;
import courtside.aggregation.ledger.SeasonOfLedger;
import courtside.model.SeasonType;
import courtside.aggregation.rebuild.LedgersLoaded;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The leader tables in Redis, kept current as lines arrive: for each season of each type and each side
 * (players, teams), every standing and one sorted set per {@link LeaderStat}, all under one hash tag
 * ({@code {leaders:player:2021-22:regular}}), so that each write is one atomic step in one slot.
 *
 * <p>The index is derived from the ledgers, never counted on its own: after a ledger changes, its season's
 * sums are read back at the ledger's revision and written here whole, and a write older than the one the index
 * holds is refused. So a duplicate or redelivered event changes nothing here either, and the index equals its
 * ledgers once the pipeline is quiet (docs/design.md I1).
 */
@Component
public final class LeaderIndex {

    /** Every season indexed, as {@code side|season_type|season}; a season whose lines all went stays, empty. */
    private static final String SEASONS_KEY = Ledger.PREFIX + "leader-seasons";

    private static final byte[] NONE = new byte[0];
    /** Standings written in one pipeline at most. */
    private static final int SLICE = 500;

    private final Ledgers cache;
    private final RedisPipelines pipelines;
    /** A handful of seasons per side: the key names of each, encoded once. */
    private final ConcurrentMap<IndexedSeason, byte[][]> keys = new ConcurrentHashMap<>();
    private final DefaultRedisScript<Long> indexScript = RedisPipelines.script("index-standings.lua", Long.class);
    @SuppressWarnings("rawtypes")
    private final DefaultRedisScript<List> readScript = RedisPipelines.script("read-leaders.lua", List.class);

    LeaderIndex(Ledgers cache, RedisPipelines pipelines) {
        this.cache = cache;
        this.pipelines = pipelines;
    }

    /** A season of one type on one side: one leader index. */
    public record IndexedSeason(Ledger.Side side, String season, SeasonType seasonType) {

        private String tag() {
            return Ledger.PREFIX + "{leaders:" + side.name().toLowerCase(Locale.ROOT) + ":" + season + ":" + seasonType.wireName() + "}";
        }

        String revisionsKey() {
            return tag() + ":rev";
        }

        String standingsKey() {
            return tag() + ":standings";
        }

        String linesKey() {
            return tag() + ":lines";
        }

        String rankKey(LeaderStat stat) {
            return tag() + ":rank:" + stat.rankName();
        }

        String member() {
            return side.name().toLowerCase(Locale.ROOT) + "|" + seasonType.wireName() + "|" + season;
        }
    }

    /**
     * Derives the index entries of these ledger seasons from the ledgers as they are now, in two pipelined round
     * trips. A ledger that is not loaded is left out: its load derives its seasons.
     */
    public void refresh(List<SeasonOfLedger> seasons) {
        List<SeasonOfLedger> distinct = List.copyOf(new LinkedHashSet<>(seasons));
        // A rebuild chunk of 200 players with 20 seasons each is 4,000 standings: in one pipeline, the last answer
        // would come after Redis's command timeout on a busy machine, so they go a bounded slice at a time.
        for (int from = 0; from < distinct.size(); from += SLICE) {
            List<SeasonOfLedger> slice = distinct.subList(from, Math.min(from + SLICE, distinct.size()));
            write(slice, cache.readAll(slice));
        }
    }

    /**
     * Writes the index entries of these ledger seasons as an apply has just returned them (each at the revision it
     * left its ledger at), without reading them back; in bounded slices, as {@link #refresh}. A batch may return a
     * season more than once (a ledger loaded midway answers again for the lines applied to it after the load): only
     * the newest revision of each season is written, which is what the index script would keep of them anyway.
     */
    public void index(List<SeasonOfLedger> seasons, List<CachedSeason> standings) {
        Map<SeasonOfLedger, CachedSeason> newest = new LinkedHashMap<>();
        for (int i = 0; i < seasons.size(); i++) {
            newest.merge(seasons.get(i), standings.get(i),
                    (kept, later) -> later.revision() >= kept.revision() ? later : kept);
        }
        List<SeasonOfLedger> distinct = List.copyOf(newest.keySet());
        List<CachedSeason> returned = List.copyOf(newest.values());
        for (int from = 0; from < distinct.size(); from += SLICE) {
            int to = Math.min(from + SLICE, distinct.size());
            write(distinct.subList(from, to), returned.subList(from, to));
        }
    }

    /** The leader tables follow the ledgers a load has just written. */
    @EventListener
    void follow(LedgersLoaded loaded) {
        refresh(loaded.seasons());
    }

    private void write(List<SeasonOfLedger> distinct, List<CachedSeason> read) {
        // One script call per index: a batch of events or a rebuild chunk changes many members of one season.
        Map<IndexedSeason, List<byte[]>> argumentsByIndex = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            CachedSeason cached = read.get(i);
            if (cached.status() == CachedSeason.Status.UNLOADED) {
                continue;
            }
            SeasonOfLedger of = distinct.get(i);
            List<byte[]> arguments = argumentsByIndex.computeIfAbsent(
                    new IndexedSeason(of.ledger().side(), of.season(), of.seasonType()), index -> new ArrayList<>());
            arguments.add(RedisPipelines.bytes(Long.toString(of.ledger().id())));
            arguments.add(RedisPipelines.bytes(Long.toString(cached.revision())));
            boolean found = cached.status() == CachedSeason.Status.FOUND;
            long team = of.ledger().side() == Ledger.Side.TEAM ? of.ledger().id() : cached.teamId();
            arguments.add(found ? RedisPipelines.bytes(new SeasonStanding(of.ledger().id(), cached.totals(), team).encode()) : NONE);
            for (LeaderStat stat : LeaderStat.ALL) {
                OptionalDouble value = found ? stat.value(cached.totals()) : OptionalDouble.empty();
                arguments.add(value.isPresent() ? RedisPipelines.bytes(Double.toString(value.getAsDouble())) : NONE);
            }
        }
        if (argumentsByIndex.isEmpty()) {
            return;
        }
        pipelines.pipelined(connection -> {
            argumentsByIndex.forEach((index, arguments) -> {
                byte[][] keys = keysOf(index);
                byte[][] keysAndArgs = Arrays.copyOf(keys, keys.length + arguments.size());
                for (int a = 0; a < arguments.size(); a++) {
                    keysAndArgs[keys.length + a] = arguments.get(a);
                }
                connection.scriptingCommands().evalSha(indexScript.getSha1(), ReturnType.INTEGER, keys.length, keysAndArgs);
            });
            connection.setCommands().sAdd(RedisPipelines.bytes(SEASONS_KEY), RedisPipelines.bytes(
                    argumentsByIndex.keySet().stream().map(IndexedSeason::member).toList()));
        }, List.of(indexScript));
    }

    /** The keys of an index, in the order the index script takes them: built once per season, not per write. */
    private byte[][] keysOf(IndexedSeason index) {
        return keys.computeIfAbsent(index, season -> {
            List<String> names = new ArrayList<>(List.of(season.revisionsKey(), season.standingsKey(), season.linesKey()));
            LeaderStat.ALL.forEach(stat -> names.add(season.rankKey(stat)));
            return RedisPipelines.bytes(names);
        });
    }

    /**
     * The best of one rank that qualify, best first, ties at the cut included.
     *
     * @param minAttempts for a percentage, the least attempts that qualify
     * @param minMade     for a percentage, the least makes (of its made stat) that qualify
     */
    @SuppressWarnings("unchecked")
    public List<SeasonStanding> top(IndexedSeason index, LeaderStat stat, int limit, long minGames, long minAttempts, long minMade) {
        List<Object> reply = pipelines.call(() -> pipelines.template().execute(readScript,
                List.of(index.standingsKey(), index.rankKey(stat)), Integer.toString(limit), Long.toString(minGames),
                Integer.toString(stat.percentage() ? SeasonStanding.position(stat.attempted()) : 0), Long.toString(minAttempts),
                Integer.toString(stat.percentage() ? SeasonStanding.position(stat.stat()) : 0), Long.toString(minMade)));
        List<SeasonStanding> top = new ArrayList<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            top.add(SeasonStanding.decode(Long.parseLong(String.valueOf(reply.get(i))), String.valueOf(reply.get(i + 1))));
        }
        return top;
    }

    /**
     * The most games any team has played in that season so far (0 when it has no team line): what the league's
     * qualification is prorated by. A team index holds one standing per team, some thirty: read whole.
     */
    public long mostTeamGames(String season, SeasonType seasonType) {
        IndexedSeason teams = new IndexedSeason(Ledger.Side.TEAM, season, seasonType);
        List<Object> standings = pipelines.call(() -> pipelines.template().opsForHash().values(teams.standingsKey()));
        long most = 0;
        for (Object standing : standings) {
            most = Math.max(most, SeasonStanding.decode(0, String.valueOf(standing)).totals().games());
        }
        return most;
    }

    /**
     * Deletes the leader indexes of the seasons before {@code firstKept}, which stats-service's retention dropped:
     * their standings left with their lines' removals, and what is left (the revisions of every member once indexed,
     * a line count of 0) goes too. Call it only once no ledger counts a line of those seasons any more. Idempotent.
     *
     * @return how many indexes (a season of one type on one side) were deleted
     */
    public int forgetSeasonsBefore(String firstKept) {
        List<IndexedSeason> retired = new ArrayList<>();
        for (Ledger.Side side : Ledger.Side.values()) {
            indexed(side).stream().filter(index -> index.season().compareTo(firstKept) < 0).forEach(retired::add);
        }
        if (retired.isEmpty()) {
            return 0;
        }
        pipelines.pipelined(connection -> {
            for (IndexedSeason index : retired) {
                connection.keyCommands().del(keysOf(index));
                keys.remove(index);
            }
            connection.setCommands().sRem(RedisPipelines.bytes(SEASONS_KEY),
                    RedisPipelines.bytes(retired.stream().map(IndexedSeason::member).toList()));
        }, List.of());
        return retired.size();
    }

    /** The seasons with at least one line on that side, newest first (regular before playoffs within a season). */
    public List<IndexedSeason> seasons(Ledger.Side side) {
        List<IndexedSeason> all = indexed(side);
        List<Long> lines = lineCounts(all);
        List<IndexedSeason> withLines = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (lines.get(i) > 0) {
                withLines.add(all.get(i));
            }
        }
        withLines.sort(Comparator.comparing(IndexedSeason::season).reversed().thenComparing(IndexedSeason::seasonType));
        return withLines;
    }

    /** The lines counted in every season of that side: every stored line once. */
    public long lines(Ledger.Side side) {
        return lineCounts(indexed(side)).stream().mapToLong(Long::longValue).sum();
    }

    /** Every season ever indexed on that side, with lines or not. */
    private List<IndexedSeason> indexed(Ledger.Side side) {
        List<IndexedSeason> all = new ArrayList<>();
        for (String member : pipelines.call(() -> pipelines.template().opsForSet().members(SEASONS_KEY))) {
            String[] parts = member.split("\\|");
            if (parts[0].equals(side.name().toLowerCase(Locale.ROOT))) {
                all.add(new IndexedSeason(side, parts[2], SeasonType.fromWireName(parts[1])));
            }
        }
        return all;
    }

    private List<Long> lineCounts(List<IndexedSeason> seasons) {
        if (seasons.isEmpty()) {
            return List.of();
        }
        List<String> values = pipelines.call(() -> pipelines.template().opsForValue()
                .multiGet(seasons.stream().map(IndexedSeason::linesKey).toList()));
        return values.stream().map(v -> v == null ? 0L : Long.parseLong(v)).toList();
    }
}
