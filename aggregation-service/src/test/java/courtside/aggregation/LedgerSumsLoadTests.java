package courtside.aggregation;

import courtside.aggregation.ledger.Ledger;
import courtside.model.BoxScoreLine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sums a ledger keeps, key by key, are the same whether its events built them or a load from PostgreSQL wrote
 * them: the season sums (a player's lines per team among them), the team's per-game line counts and its sums in each
 * game, which its opponents' answers read. After corrections, a removal and a traded player's line. On a season of
 * its own, 1966-67.
 */
@AggregationServiceTest
class LedgerSumsLoadTests {

    private static final SyntheticSeason SEASON = SyntheticSeason.starting(1966);

    @Autowired
    RestTestClient client;
    @Autowired
    Pipeline pipeline;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void aLedgerLoadedFromPostgresHoldsTheSumsItsEventsBuilt() {
        List<BoxScoreLine> lines = new ArrayList<>(SEASON.boxScoreLinesOfFirstGames(12));
        BoxScoreLine first = lines.getFirst();
        // The first game's first player also plays for a team of a later game: two teams in his season.
        BoxScoreLine later = SyntheticSeason.tradedLine(lines);
        lines.add(later);
        pipeline.post(lines.stream().map(BoxScoreLine::toWire).toList(), 50);
        // A correction and a removal in the first game.
        Map<String, Object> corrected = courtside.stats.RealLines.with(lines.get(1).toWire(), "steals",
                ((Number) lines.get(1).toWire().get("steals")).intValue() + 1);
        pipeline.postBatch(List.of(corrected));
        pipeline.remove(lines.get(2).gameId(), lines.get(2).playerId());
        pipeline.awaitQuiet();

        List<Ledger> ledgers = List.of(Ledger.player(first.playerId()), Ledger.team(first.teamId()), Ledger.team(later.teamId()));
        Map<String, Object> applied = sums(ledgers);
        assertThat(applied).as("sums built by events").containsKeys(
                "{team:%d}:gamesum".formatted(first.teamId()), "{player:%d}:season:%s:regular".formatted(first.playerId(), SEASON.label()));
        @SuppressWarnings("unchecked")
        Map<String, String> playerSeason = (Map<String, String>) applied.get("{player:%d}:season:%s:regular".formatted(first.playerId(), SEASON.label()));
        assertThat(playerSeason).containsEntry("team:" + first.teamId(), "1").containsEntry("team:" + later.teamId(), "1");

        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
        // Each read of an emptied ledger loads it from PostgreSQL (and the full rebuild the flush starts may too).
        ledgers.forEach(ledger -> client.get().uri("/average/%s/%d?season=%s".formatted(
                ledger.side() == Ledger.Side.PLAYER ? "player" : "team", ledger.id(), SEASON.label())).exchange().expectStatus().isOk());
        await().atMost(Duration.ofSeconds(60)).until(() -> ledgers.stream().allMatch(ledger -> Boolean.TRUE.equals(redis.hasKey(ledger.loadedKey()))));

        assertThat(sums(ledgers)).as("sums loaded from PostgreSQL").isEqualTo(applied);
    }

    /**
     * Every sums key of these ledgers that holds this season (by the part after the version prefix) with what it holds
     * of the season: the season's sums, and the season's fields of the per-game hashes and of the set of seasons. The
     * line states, the revision and the loaded marker are left out: they differ by design between a load and the
     * events (a load starts the revision from the clock, and a team keeps no tombstone of a line that moved to another
     * team); so are other seasons, which other tests write into the same players' and teams' ledgers.
     */
    private Map<String, Object> sums(List<Ledger> ledgers) {
        String label = SEASON.label();
        Map<String, Object> found = new TreeMap<>();
        for (Ledger ledger : ledgers) {
            String prefix = Ledger.PREFIX + "{" + (ledger.side() == Ledger.Side.PLAYER ? "player" : "team") + ":" + ledger.id() + "}";
            for (String key : redis.keys(prefix + ":*")) {
                String name = key.substring(Ledger.PREFIX.length());
                if (name.contains(":season:" + label + ":")) {
                    // A sum of 0 is a field of 0 or no field: the apply script adds only what is not 0, a load
                    // writes every stat.
                    Map<String, String> season = new TreeMap<>(redis.<String, String>opsForHash().entries(key));
                    season.values().removeIf("0"::equals);
                    found.put(name, season);
                } else if (name.endsWith(":games") || name.endsWith(":gamesum")) {
                    Map<String, String> ofSeason = new TreeMap<>(redis.<String, String>opsForHash().entries(key));
                    ofSeason.keySet().removeIf(field -> !field.startsWith(label + "|"));
                    found.put(name, ofSeason);
                } else if (name.endsWith(":seasons")) {
                    found.put(name, redis.opsForSet().members(key).stream().filter(member -> member.endsWith("|" + label))
                            .collect(Collectors.toCollection(java.util.TreeSet::new)));
                }
            }
        }
        return found;
    }
}
