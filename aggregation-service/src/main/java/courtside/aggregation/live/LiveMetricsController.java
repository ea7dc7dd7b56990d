package courtside.aggregation.live;

import courtside.aggregation.cache.CacheSource;
import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.CacheLayout;
import courtside.aggregation.leaders.LeaderBoard;
import courtside.aggregation.leaders.LeaderIndex;
import courtside.aggregation.leaders.LeaderStat;
import courtside.aggregation.source.LedgerSnapshots;
import courtside.model.SeasonType;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live metrics of the whole pipeline, the same from every instance: lines stored, how fast they arrive, and the
 * latest regular season's top player by points, rebounds and assists (season totals).
 */
@RestController
final class LiveMetricsController {

    private static final List<String> TOP_STATS = List.of("points", "rebounds", "assists");

    private final LiveMetrics live;
    private final LeaderBoard board;
    private final LeaderIndex index;
    private final CacheLayout layout;
    private final LedgerSnapshots database;

    LiveMetricsController(LiveMetrics live, LeaderBoard board, LeaderIndex index, CacheLayout layout, LedgerSnapshots database) {
        this.live = live;
        this.board = board;
        this.index = index;
        this.layout = layout;
        this.database = database;
    }

    /**
     * @param linesPerMinute              lines applied in the last 60 s, by every instance; {@code null} while Redis is down
     * @param linesPerSecondMovingAverage the same per second
     */
    record PipelineFigures(long linesTotal,
                        @JsonInclude(JsonInclude.Include.ALWAYS) Long linesPerMinute,
                        @JsonInclude(JsonInclude.Include.ALWAYS) Double linesPerSecondMovingAverage,
                        String season, SeasonType seasonType, Map<String, LeaderBoard.Leader> topPlayers, Instant asOf) {
    }

    @Operation(summary = "Live metrics: lines stored, lines per minute and per second (last minute), the season's top players")
    @GetMapping("/materialized")
    ResponseEntity<PipelineFigures> materialized() {
        CacheSource source = CacheSource.HIT;
        long total;
        Long perMinute = null;
        Double perSecond = null;
        Instant asOf = Instant.now();
        try {
            LiveMetrics.LastMinute minute = live.lastMinute();
            perMinute = minute.lines();
            perSecond = minute.perSecond();
            asOf = minute.asOf();
            if (layout.layoutCurrent()) {
                total = index.lines(Ledger.Side.PLAYER);
            } else {
                source = CacheSource.MISS;
                total = database.countedLines();
            }
        } catch (CacheUnavailableException e) {
            source = CacheSource.BYPASS;
            total = database.countedLines();
        }
        Map<String, LeaderBoard.Leader> top = new LinkedHashMap<>();
        String season = board.seasons(Ledger.Side.PLAYER).stream().filter(s -> s.seasonType() == SeasonType.REGULAR)
                .findFirst().map(LeaderBoard.Season::season).orElse(null);
        if (season != null) {
            for (String stat : TOP_STATS) {
                LeaderBoard.Table table = board.table(new LeaderBoard.Query(Ledger.Side.PLAYER, season, SeasonType.REGULAR,
                        LeaderStat.of(stat, true).orElseThrow(), 1, 0L, 0L));
                table.leaders().stream().findFirst().ifPresent(leader -> top.put(stat, leader));
            }
        }
        return ResponseEntity.ok().header(CacheSource.HEADER, source.name())
                .body(new PipelineFigures(total, perMinute, perSecond, season, season == null ? null : SeasonType.REGULAR, top, asOf));
    }
}
