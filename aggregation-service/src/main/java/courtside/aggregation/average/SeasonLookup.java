package courtside.aggregation.average;

import courtside.aggregation.cache.CacheSource;
import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LineState;
import courtside.aggregation.ledger.Ledgers;
import courtside.aggregation.ledger.CachedSeason;
import courtside.aggregation.rebuild.CacheRebuild;
import courtside.aggregation.source.LedgerSnapshots;
import courtside.model.BoxScoreStat;
import courtside.model.PlayerTeamSeason;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import courtside.model.Split;
import courtside.model.TeamOpponents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds a season's sums: in Redis (HIT); in Redis after loading the missing ledger from PostgreSQL (MISS);
 * or, while Redis is down, straight from PostgreSQL (BYPASS, docs/design.md I4). A split's sums come the same three
 * ways, from the ledger's line states instead of its season sums.
 */
@Component
final class SeasonLookup {

    /**
     * A season found, the one asked for or the latest of its type.
     *
     * @param stints    a player's sums for each of his teams, in the order he played for them (empty for a team, and
     *                  for a player of one team: no rows to show)
     * @param opponents a team's opponents and results ({@code null} for a player)
     */
    record Found(CacheSource source, String season, SeasonTotals totals, List<PlayerTeamSeason.Stint> stints,
                 TeamOpponents opponents) {
    }

    private final Ledgers cache;
    private final CacheRebuild rebuild;
    private final LedgerSnapshots database;
    private final OpponentLookup opponents;
    private final LineStateLookup lineStates;
    private final Map<CacheSource, Counter> requests = new EnumMap<>(CacheSource.class);

    SeasonLookup(Ledgers cache, CacheRebuild rebuild, LedgerSnapshots database, OpponentLookup opponents,
                 LineStateLookup lineStates, MeterRegistry registry) {
        this.cache = cache;
        this.rebuild = rebuild;
        this.database = database;
        this.opponents = opponents;
        this.lineStates = lineStates;
        for (CacheSource source : CacheSource.values()) {
            requests.put(source, Counter.builder("courtside.cache.requests").tag("result", source.name().toLowerCase(Locale.ROOT))
                    .description("Average requests by where the answer came from").register(registry));
        }
    }

    /**
     * @param season the season, or {@code null} for the latest with lines of that type
     * @throws SeasonNotFoundException when there is no line of that player or team (in that season)
     */
    Found find(Ledger ledger, String season, SeasonType seasonType) {
        CacheSource source = CacheSource.HIT;
        try {
            CachedSeason cached = cache.read(ledger, season, seasonType);
            if (cached.status() == CachedSeason.Status.UNLOADED) {
                source = CacheSource.MISS;
                if (!rebuild.load(List.of(ledger))) {
                    throw SeasonNotFoundException.of(ledger, null, seasonType, source);
                }
                cached = cache.read(ledger, season, seasonType);
                if (cached.status() == CachedSeason.Status.UNLOADED) {
                    // The cache was emptied again right after the load: ask PostgreSQL directly.
                    return fromDatabase(ledger, season, seasonType, CacheSource.MISS);
                }
            }
            if (cached.status() == CachedSeason.Status.NONE) {
                throw SeasonNotFoundException.of(ledger, season, seasonType, source);
            }
            requests.get(source).increment();
            List<PlayerTeamSeason.Stint> stints = List.of();
            if (cached.teams() > 1) {
                // A traded player: his rows per team come from his line states (O(his lines)); others' need none.
                String chosen = cached.season();
                stints = lineStates.read(ledger).map(read -> stints(read.lines().values().stream()
                        .filter(line -> !line.deleted() && line.seasonType() == seasonType && line.season().equals(chosen))
                        .toList())).orElse(List.of());
            }
            return found(ledger, source, cached.season(), seasonType, cached.totals(), stints, null);
        } catch (CacheUnavailableException e) {
            return fromDatabase(ledger, season, seasonType, CacheSource.BYPASS);
        }
    }

    /**
     * The sums of a split of a season, from the ledger's line states rather than its season sums: every line of the
     * player or team is read and decoded (one HGETALL, O(lines of the ledger) in every season it holds), filtered,
     * and summed here; {@code vs} adds one read of the opponent's sums in those games (O(games of the split)). A line corrected
     * inside the split shows at once, since its state is written with the sums. While Redis is down the same lines
     * come from PostgreSQL (BYPASS), as the game log's do.
     *
     * @param season the season, or {@code null} for the latest with lines of that type
     * @throws SeasonNotFoundException when there is no line of that player or team (in that season), or none in the
     *                                 split
     */
    Found split(Ledger ledger, String season, SeasonType seasonType, Split split) {
        LineStateLookup.Sourced read = lineStates.read(ledger)
                .orElseThrow(() -> SeasonNotFoundException.of(ledger, null, seasonType, CacheSource.MISS));
        Map<String, LineState> all = read.lines();
        CacheSource from = read.source();
        List<LineState> counting = all.values().stream().filter(line -> !line.deleted() && line.seasonType() == seasonType).toList();
        String chosen = season != null ? season : counting.stream().map(LineState::season).max(Comparator.naturalOrder())
                .orElseThrow(() -> SeasonNotFoundException.of(ledger, null, seasonType, from));
        List<LineState> ofSeason = counting.stream().filter(line -> line.season().equals(chosen)).toList();
        if (ofSeason.isEmpty()) {
            throw SeasonNotFoundException.of(ledger, chosen, seasonType, from);
        }
        List<LineState> inSplit = inSplit(ofSeason, split, from);
        if (inSplit.isEmpty()) {
            throw SeasonNotFoundException.emptySplit(ledger, chosen, seasonType, from);
        }
        requests.get(from).increment();
        return found(ledger, from, chosen, seasonType, totals(ledger.side(), inSplit), stints(inSplit),
                inSplit.stream().map(LineState::gameId).collect(Collectors.toSet()));
    }

    /**
     * The answer's parts: a player's stints (his teams' rows), a team's opponents over its games of the season or of
     * a split ({@code games}, {@code null} for all).
     */
    private Found found(Ledger ledger, CacheSource source, String season, SeasonType seasonType, SeasonTotals totals,
                        List<PlayerTeamSeason.Stint> stints, Set<String> games) {
        if (ledger.side() == Ledger.Side.PLAYER) {
            return new Found(source, season, totals, stints, null);
        }
        return new Found(source, season, totals, List.of(), opponents.of(ledger.id(), season, seasonType, games, source));
    }

    /**
     * A player's lines summed by the team on the line, in the order he played for them: by the date of his first
     * game for each, then by team id.
     */
    private static List<PlayerTeamSeason.Stint> stints(List<LineState> lines) {
        Map<Long, List<LineState>> byTeam = lines.stream().collect(Collectors.groupingBy(LineState::teamId));
        if (byTeam.size() < 2) {
            return List.of();
        }
        Comparator<Map.Entry<Long, List<LineState>>> firstGame = Comparator.comparing(
                (Map.Entry<Long, List<LineState>> team) -> team.getValue().stream().map(LineState::gameDate)
                        .min(Comparator.naturalOrder()).orElseThrow()).thenComparing(Map.Entry::getKey);
        return byTeam.entrySet().stream().sorted(firstGame)
                .map(team -> new PlayerTeamSeason.Stint(team.getKey(), totals(Ledger.Side.PLAYER, team.getValue()))).toList();
    }

    /**
     * The lines of the split: inside the dates, against the opponent, then those of the latest {@code last} games
     * (a team's game being all of its lines of that game), latest by date and then game id as Redis and SQL order
     * them (byte order; ids are ASCII).
     */
    private List<LineState> inSplit(List<LineState> lines, Split split, CacheSource from) {
        List<LineState> kept = lines.stream().filter(line -> split.covers(line.gameDate())).toList();
        if (split.vs() != null && !kept.isEmpty()) {
            long opponent = split.vs();
            LineState any = kept.getFirst();
            Set<String> against = opponents.gamesOf(opponent, any.season(), any.seasonType(),
                    kept.stream().map(LineState::gameId).collect(Collectors.toSet()), from);
            kept = kept.stream().filter(line -> line.teamId() != opponent && against.contains(line.gameId())).toList();
        }
        if (split.last() == null) {
            return kept;
        }
        Comparator<LineState> latestFirst = Comparator.comparing(LineState::gameDate).thenComparing(LineState::gameId).reversed();
        Set<String> latestGames = kept.stream().sorted(latestFirst).map(LineState::gameId).distinct().limit(split.last())
                .collect(Collectors.toSet());
        return kept.stream().filter(line -> latestGames.contains(line.gameId())).toList();
    }

    /** The sums of these lines, counted as a player's or a team's season is (a team's game is one game). */
    private static SeasonTotals totals(Ledger.Side side, List<LineState> lines) {
        long[] sums = new long[BoxScoreStat.values().length];
        Set<String> games = new HashSet<>();
        Set<String> shootingGames = new HashSet<>();
        for (LineState line : lines) {
            games.add(line.gameId());
            if (line.shooting()) {
                shootingGames.add(line.gameId());
            }
            for (BoxScoreStat stat : BoxScoreStat.values()) {
                sums[stat.ordinal()] += line.stat(stat);
            }
        }
        Map<BoxScoreStat, Long> byStat = new EnumMap<>(BoxScoreStat.class);
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            byStat.put(stat, sums[stat.ordinal()]);
        }
        // A player has one line per game: his games are his lines, his shooting games his lines with the block.
        return new SeasonTotals(lines.size(), side == Ledger.Side.TEAM ? games.size() : lines.size(),
                side == Ledger.Side.TEAM ? shootingGames.size() : lines.stream().filter(LineState::shooting).count(), byStat);
    }

    private Found fromDatabase(Ledger ledger, String season, SeasonType seasonType, CacheSource source) {
        String chosen = season != null ? season : database.latestSeason(ledger, seasonType)
                .orElseThrow(() -> SeasonNotFoundException.of(ledger, null, seasonType, source));
        SeasonTotals totals = database.season(ledger, chosen, seasonType)
                .orElseThrow(() -> SeasonNotFoundException.of(ledger, chosen, seasonType, source));
        requests.get(source).increment();
        List<PlayerTeamSeason.Stint> stints = ledger.side() == Ledger.Side.PLAYER ? stints(lineStates.fromDatabase(ledger).values().stream()
                .filter(line -> !line.deleted() && line.seasonType() == seasonType && line.season().equals(chosen)).toList())
                : List.of();
        return found(ledger, source, chosen, seasonType, totals, stints, null);
    }
}
