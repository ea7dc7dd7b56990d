package courtside.aggregation.games;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LineState;
import courtside.aggregation.directory.Directory;
import courtside.aggregation.query.SeasonQuery;
import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import courtside.support.problem.InvalidRequestParameterException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How many games a player had at each value of a stat in a season (a histogram), from the newest version of
 * each line, so a correction moves its game from one bucket to another. Only buckets with games are listed, so an
 * answer costs O(games) whatever the values.
 */
@RestController
final class DistributionController {

    private final LedgerLines lines;
    private final Directory directory;

    DistributionController(LedgerLines lines, Directory directory) {
        this.lines = lines;
        this.directory = directory;
    }

    /** @param value a bucket's lower bound; the bucket holds values from it up to {@code value + bucket} */
    record Bucket(long value, long games) {
    }

    record Distribution(long playerId, String playerName, String season, SeasonType seasonType, String stat, int bucket,
                        long games, List<Bucket> buckets) {
    }

    @Operation(summary = "A player's games at each value (or bucket of values) of a stat in a season")
    @GetMapping("/distribution/player/{player_id}")
    Distribution player(
            @PathVariable("player_id") @Positive(message = "must be a positive integer") long playerId,
            @ParameterObject @Valid SeasonQuery query,
            @RequestParam(defaultValue = "points") String stat,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = "must be between 1 and 100")
            @Max(value = 100, message = "must be between 1 and 100") int bucket) {
        BoxScoreStat counted = Arrays.stream(BoxScoreStat.values()).filter(s -> s.wireName().equals(stat)).findFirst()
                .orElseThrow(() -> InvalidRequestParameterException.of("stat", "must be one of " + Arrays.stream(BoxScoreStat.values())
                        .map(BoxScoreStat::wireName).collect(Collectors.joining(", "))));
        LedgerLines.SeasonLines found = lines.season(Ledger.player(playerId), query.season(), query.seasonType());
        TreeMap<Long, Long> games = new TreeMap<>();
        found.lines().stream().filter(line -> !counted.isShooting() || line.shooting())
                .forEach(line -> games.merge(Math.floorDiv(whole(counted, line), bucket) * bucket, 1L, Long::sum));
        // Only buckets that hold games: empty ones between two far-apart values (0 and 2147483647 points) would
        // cost memory in the value range rather than in the games, and once ran the JVM out of memory. A chart fills
        // the gaps itself.
        List<Bucket> buckets = games.entrySet().stream().map(entry -> new Bucket(entry.getKey(), entry.getValue())).toList();
        return new Distribution(playerId, directory.playerNames(List.of(playerId)).get(playerId), found.season(), query.seasonType(),
                counted.wireName(), bucket, games.values().stream().mapToLong(Long::longValue).sum(), buckets);
    }

    /** A stat's value on a line in whole units: minutes are cut to the whole minute (33:44 counts as 33). */
    private static long whole(BoxScoreStat stat, LineState line) {
        long value = line.stat(stat);
        return stat == BoxScoreStat.MINUTES_PLAYED ? value / (long) Math.pow(10, SeasonTotals.MINUTES_SCALE) : value;
    }
}
