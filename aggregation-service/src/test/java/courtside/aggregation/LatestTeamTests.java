package courtside.aggregation;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.rebuild.CacheRebuild;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A player's team in the leader tables is the team of his latest game of the season. Two games on one date
 * (a scorekeeper's mistake, or a trade with a same-day game) tie on the date: the later game id wins, whichever
 * line arrived first, in the apply script, in a ledger loaded from PostgreSQL and in SQL alike.
 *
 * <p>Its players and teams have no line in any other season, so its lines touch no ledger but theirs: the cache check
 * of its own season covers all they change (the live metrics and the scan for seasons SQL lacks stay whole), and
 * {@link SeasonReplayCacheTests} holds every season to SQL near the end of the JVM.
 */
@AggregationServiceTest
class LatestTeamTests {

    private static final SyntheticSeason SEASON = SyntheticSeason.starting(1952);
    private static final long EARLY_TEAM = 1_952_001;
    private static final long LATE_TEAM = 1_952_002;
    private static final String DATE = "1953-01-10";

    @Autowired
    Pipeline pipeline;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    CacheRebuild rebuild;

    @Test
    void twoGamesOnOneDateNameTheTeamOfTheLaterGameIdWhicheverArrivedFirst() {
        long inOrder = 9_195_201;
        long reversed = 9_195_202;
        pipeline.post(List.of(line(inOrder, "1952-A1", EARLY_TEAM), line(inOrder, "1952-B1", LATE_TEAM)), 1);
        pipeline.post(List.of(line(reversed, "1952-B2", LATE_TEAM), line(reversed, "1952-A2", EARLY_TEAM)), 1);
        pipeline.awaitQuiet();

        assertThat(latestTeam(inOrder)).as("posted in game order").isEqualTo(LATE_TEAM);
        assertThat(latestTeam(reversed)).as("posted against game order").isEqualTo(LATE_TEAM);
        pipeline.assertCacheEqualsSql(SEASON.label());
    }

    @Test
    void aLedgerLoadedFromPostgresBreaksTheTieTheSameWay() {
        long player = 9_195_203;
        pipeline.post(List.of(line(player, "1952-B3", LATE_TEAM), line(player, "1952-A3", EARLY_TEAM)), 1);
        pipeline.awaitQuiet();
        assertThat(redis.delete(keysOf(player))).as("keys of the ledger dropped").isPositive();

        rebuild.loadForIngest(List.of(Ledger.player(player)));

        assertThat(latestTeam(player)).isEqualTo(LATE_TEAM);
    }

    @Test
    void removingTheLaterGameNamesTheTeamOfTheOtherGameOfThatDate() {
        long player = 9_195_204;
        pipeline.post(List.of(line(player, "1952-A4", EARLY_TEAM), line(player, "1952-B4", LATE_TEAM),
                line(player, "1952-C4", LATE_TEAM)), 1);
        pipeline.awaitQuiet();
        assertThat(latestTeam(player)).isEqualTo(LATE_TEAM);

        pipeline.remove("1952-C4", player);
        pipeline.remove("1952-B4", player);
        pipeline.awaitQuiet();

        assertThat(latestTeam(player)).isEqualTo(EARLY_TEAM);
        pipeline.assertCacheEqualsSql(SEASON.label());
    }

    /** The player's season sums, where the apply script keeps the latest game's date and team. */
    private static String latestTeamKey(long player) {
        return ledgerPrefix(player) + ":season:" + SEASON.label() + ":regular";
    }

    private static String ledgerPrefix(long player) {
        return Ledger.PREFIX + "{player:" + player + "}";
    }

    private long latestTeam(long player) {
        Object team = redis.opsForHash().get(latestTeamKey(player), "team");
        assertThat(team).as("team in %s", latestTeamKey(player)).isNotNull();
        return Long.parseLong((String) team);
    }

    private Set<String> keysOf(long player) {
        return redis.keys(ledgerPrefix(player) + ":*");
    }

    /** A real line of the season, moved to a game of its own on {@link #DATE} for the given player and team. */
    private static Map<String, Object> line(long player, String gameId, long team) {
        Map<String, Object> line = new HashMap<>(SEASON.linesOfFirstGames(1).getFirst());
        line.put("game_id", gameId);
        line.put("game_date", DATE);
        line.put("player_id", player);
        line.put("player_name", "Tie Breaker " + player);
        line.put("team_id", team);
        line.put("team_abbreviation", team == LATE_TEAM ? "LTE" : "ERL");
        return line;
    }
}
