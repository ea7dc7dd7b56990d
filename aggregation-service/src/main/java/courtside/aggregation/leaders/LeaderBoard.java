package courtside.aggregation.leaders;

import courtside.aggregation.cache.CacheSource;
import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.CacheLayout;
import courtside.aggregation.directory.Directory;
import courtside.aggregation.leaders.LeaderIndex.IndexedSeason;
import courtside.aggregation.rebuild.CacheRebuild;
import courtside.aggregation.source.LedgerSnapshots;

import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import courtside.support.problem.NotFoundException;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * Leader tables: from the leader index while the cache is complete (HIT), otherwise from PostgreSQL, while a
 * full rebuild refills the cache (MISS) or while Redis is down (BYPASS). Both sources hand their standings to
 * one ranking, so they answer alike.
 */
@Component
public final class LeaderBoard {

    private final LeaderIndex index;
    private final CacheLayout layout;
    private final LedgerSnapshots database;
    private final CacheRebuild rebuild;
    private final Directory directory;
    private final LeaderSettings settings;

    LeaderBoard(LeaderIndex index, CacheLayout layout, LedgerSnapshots database, CacheRebuild rebuild, Directory directory,
                LeaderSettings settings) {
        this.settings = settings;
        this.index = index;
        this.layout = layout;
        this.database = database;
        this.rebuild = rebuild;
        this.directory = directory;
    }

    /** One row of a leader table; the player fields are absent from a team table. */
    public record Leader(int rank,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Long playerId,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String playerName,
                         long teamId, String teamAbbreviation, long gamesPlayed, double value, Number total,
                         Long attempts) {
    }

    /**
     * A leader table and where it came from; {@code minGames} and {@code minAttempts} are those applied (the
     * attempts only for a percentage), {@code qualification} says by which rule.
     */
    public record Table(String season, SeasonType seasonType, String stat, long minGames, Long minAttempts,
                        Qualification qualification, List<Leader> leaders, @JsonIgnore CacheSource source) {
    }

    /**
     * The qualification a table applied.
     *
     * @param rule       {@code league} (the default: no minimum named by the request) or {@code request}
     * @param minGames   the least games that qualify
     * @param minMade    for a percentage under the league's rule, the least makes of its made stat; absent otherwise
     * @param teamGames  under the league's rule, the most games any team has played in the season, which the
     *                   minimums are prorated by; absent otherwise
     * @param summary    the rule in words
     */
    public record Qualification(String rule, long minGames, @JsonInclude(JsonInclude.Include.NON_NULL) Long minMade,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Long teamGames, String summary) {
    }

    /**
     * What a table asks for. Neither minimum given is the league's qualification; either given is that minimum,
     * the other being 0 games or the stat's configured attempts, as leader tables qualified before the league's rule.
     */
    public record Query(Ledger.Side side, String season, SeasonType seasonType, LeaderStat stat, int limit, Long minGames,
                        Long minAttempts) {
    }

    /** The minimums a table applies. */
    private record Minimums(long games, long attempts, long made, Qualification qualification) {
    }

    /** A season of one type that has lines. */
    public record Season(String season, SeasonType seasonType) {
    }

    public Table table(Query query) {
        try {
            if (layout.layoutCurrent()) {
                return fromIndex(query);
            }
            // The index is incomplete (a flush, a new layout): refill it, answering from PostgreSQL meanwhile.
            rebuild.rebuildInBackground();
            return fromDatabase(query, CacheSource.MISS);
        } catch (CacheUnavailableException e) {
            return fromDatabase(query, CacheSource.BYPASS);
        }
    }

    /** Every season with lines on that side, newest first. */
    public List<Season> seasons(Ledger.Side side) {
        try {
            if (layout.layoutCurrent()) {
                return index.seasons(side).stream().map(s -> new Season(s.season(), s.seasonType())).toList();
            }
        } catch (CacheUnavailableException e) {
            // answered from PostgreSQL below
        }
        return database.seasons().stream().map(s -> new Season(s.season(), s.seasonType())).toList();
    }

    private Table fromIndex(Query query) {
        String season = query.season() != null ? query.season() : index.seasons(query.side()).stream()
                .filter(s -> s.seasonType() == query.seasonType()).findFirst().map(IndexedSeason::season)
                .orElseThrow(() -> noSeason(query));
        Minimums minimums = minimums(query, () -> index.mostTeamGames(season, query.seasonType()));
        List<SeasonStanding> top = index.top(new IndexedSeason(query.side(), season, query.seasonType()), query.stat(),
                query.limit(), minimums.games(), minimums.attempts(), minimums.made());
        if (top.isEmpty() && !index.seasons(query.side()).contains(new IndexedSeason(query.side(), season, query.seasonType()))) {
            throw noSeason(query);
        }
        return ranked(query, minimums, season, top, CacheSource.HIT);
    }

    private Table fromDatabase(Query query, CacheSource source) {
        String season = query.season() != null ? query.season() : database.seasons().stream()
                .filter(s -> s.seasonType() == query.seasonType()).findFirst().map(s -> s.season())
                .orElseThrow(() -> noSeason(query));
        Map<Long, SeasonTotals> totals = database.seasonTotals(query.side(), season, query.seasonType());
        if (totals.isEmpty()) {
            throw noSeason(query);
        }
        Map<Long, Long> teams = query.side() == Ledger.Side.PLAYER ? database.latestTeams(season, query.seasonType()) : Map.of();
        List<SeasonStanding> standings = new ArrayList<>();
        totals.forEach((id, sums) -> standings.add(new SeasonStanding(id, sums, teams.getOrDefault(id, id))));
        Minimums minimums = minimums(query, () -> (query.side() == Ledger.Side.TEAM ? totals
                : database.seasonTotals(Ledger.Side.TEAM, season, query.seasonType()))
                .values().stream().mapToLong(SeasonTotals::games).max().orElse(0));
        return ranked(query, minimums, season, standings, source);
    }

    /**
     * The league's qualification when the request names no minimum, read off the season's team games only then;
     * otherwise the minimums named, the other one as before the league's rule (0 games, the stat's attempts).
     *
     * <p>The league's rule, prorated: with G the most games any team has played in the season so far (its length
     * once over), a player needs ⌈gamesPercent × G ÷ 100⌉ games (58 of 82) and, for a percentage, ⌈made × G ÷
     * seasonGames⌉ makes (300 FGM over 82 games). The most games of any team rather than the player's own team's:
     * a traded player has no one team, and for a player whose team is a game behind the others the minimum is at
     * most one game more than his team's games would make it.
     */
    private Minimums minimums(Query query, LongSupplier mostTeamGames) {
        LeaderStat stat = query.stat();
        if (query.minGames() != null || query.minAttempts() != null) {
            long games = query.minGames() != null ? query.minGames() : 0;
            long attempts = query.minAttempts() != null ? query.minAttempts() : stat.percentage()
                    ? settings.minAttempts().getOrDefault(stat.wireName(), 0L) : 0;
            return new Minimums(games, attempts, 0, new Qualification("request", games, null, null,
                    "as requested: min_games and min_attempts (when only one is given, the other is 0 games or "
                            + "the stat's configured attempts)"));
        }
        long teamGames = mostTeamGames.getAsLong();
        long games = Math.ceilDiv(settings.gamesPercent() * teamGames, 100);
        Long made = stat.percentage()
                ? Math.ceilDiv(settings.minMade().getOrDefault(stat.wireName(), 0L) * teamGames, settings.seasonGames()) : null;
        String summary = "league: at least %d%% of the most games any team has played (%d of %d)".formatted(
                settings.gamesPercent(), games, teamGames)
                + (made == null ? "" : ", and %d %s (%d over a %d-game season, prorated)".formatted(made,
                stat.stat().wireName(), settings.minMade().getOrDefault(stat.wireName(), 0L), settings.seasonGames()));
        return new Minimums(games, 0, made == null ? 0 : made, new Qualification("league", games, made, teamGames, summary));
    }

    /** Qualifies, ranks (value, then id, so that ties read the same from either source) and names the standings. */
    private Table ranked(Query query, Minimums minimums, String season, List<SeasonStanding> standings, CacheSource source) {
        LeaderStat stat = query.stat();
        record Valued(SeasonStanding standing, double value) {
        }
        List<Valued> ranked = standings.stream()
                .filter(s -> s.totals().games() >= minimums.games() && stat.attempts(s.totals()) >= minimums.attempts()
                        && stat.made(s.totals()) >= minimums.made())
                .map(s -> {
                    OptionalDouble value = stat.value(s.totals());
                    return value.isPresent() ? new Valued(s, value.getAsDouble()) : null;
                })
                .filter(Objects::nonNull)
                .sorted(Comparator.comparingDouble(Valued::value).reversed().thenComparingLong(v -> v.standing().id()))
                .limit(query.limit())
                .toList();
        boolean players = query.side() == Ledger.Side.PLAYER;
        Map<Long, String> names = players ? directory.playerNames(ranked.stream().map(v -> v.standing().id()).toList()) : Map.of();
        Map<Long, String> abbreviations = directory.teamAbbreviations(ranked.stream().map(v -> v.standing().teamId()).distinct().toList());
        List<Leader> leaders = new ArrayList<>(ranked.size());
        for (Valued valued : ranked) {
            SeasonStanding s = valued.standing();
            Number total = stat.percentage() ? s.totals().sums().get(stat.stat()) : s.totals().total(stat.stat());
            leaders.add(new Leader(leaders.size() + 1, players ? s.id() : null, players ? names.get(s.id()) : null,
                    s.teamId(), abbreviations.get(s.teamId()), s.totals().games(), valued.value(), total,
                    stat.percentage() ? stat.attempts(s.totals()) : null));
        }
        return new Table(season, query.seasonType(), stat.wireName(), minimums.games(),
                stat.percentage() ? minimums.attempts() : null, minimums.qualification(), leaders, source);
    }

    private static NotFoundException noSeason(Query query) {
        String who = query.side() == Ledger.Side.PLAYER ? "player" : "team";
        return query.season() == null
                ? new NotFoundException("Season not found", "No %s-season %s lines at all".formatted(query.seasonType().wireName(), who))
                : new NotFoundException("Season not found", "No %s lines in the %s %s season"
                        .formatted(who, query.season(), query.seasonType().wireName()));
    }
}
