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

    LeaderBoard(LeaderIndex index, CacheLayout layout, LedgerSnapshots database, CacheRebuild rebuild, Directory directory) {
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

    /** A leader table and where it came from. */
    public record Table(String season, SeasonType seasonType, String stat, long minGames, Long minAttempts,
                        List<Leader> leaders, @JsonIgnore CacheSource source) {
    }

    /** What a table asks for. */
    public record Query(Ledger.Side side, String season, SeasonType seasonType, LeaderStat stat, int limit, long minGames,
                        long minAttempts) {
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
        List<SeasonStanding> top = index.top(new IndexedSeason(query.side(), season, query.seasonType()), query.stat(),
                query.limit(), query.minGames(), query.minAttempts());
        if (top.isEmpty() && !index.seasons(query.side()).contains(new IndexedSeason(query.side(), season, query.seasonType()))) {
            throw noSeason(query);
        }
        return ranked(query, season, top, CacheSource.HIT);
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
        return ranked(query, season, standings, source);
    }

    /** Qualifies, ranks (value, then id, so that ties read the same from either source) and names the standings. */
    private Table ranked(Query query, String season, List<SeasonStanding> standings, CacheSource source) {
        LeaderStat stat = query.stat();
        record Valued(SeasonStanding standing, double value) {
        }
        List<Valued> ranked = standings.stream()
                .filter(s -> s.totals().games() >= query.minGames() && stat.attempts(s.totals()) >= query.minAttempts())
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
        return new Table(season, query.seasonType(), stat.wireName(), query.minGames(),
                stat.percentage() ? query.minAttempts() : null, leaders, source);
    }

    private static NotFoundException noSeason(Query query) {
        String who = query.side() == Ledger.Side.PLAYER ? "player" : "team";
        return query.season() == null
                ? new NotFoundException("Season not found", "No %s-season %s lines at all".formatted(query.seasonType().wireName(), who))
                : new NotFoundException("Season not found", "No %s lines in the %s %s season"
                        .formatted(who, query.season(), query.seasonType().wireName()));
    }
}
