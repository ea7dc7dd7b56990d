package courtside.aggregation;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LedgerSnapshot;
import courtside.aggregation.ledger.Ledgers;
import courtside.aggregation.ledger.LoadOutcome;
import courtside.aggregation.rebuild.CacheRebuild;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a ledger loaded from PostgreSQL enters Redis (docs/design.md I2): the first load wins, a snapshot taken
 * before the cache was emptied is refused, since events may have been applied to a newer load since, and many
 * missing ledgers load a few at a time.
 */
@AggregationServiceTest
class LedgerLoadTests {

    @Autowired
    Ledgers cache;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    CacheRebuild rebuild;
    @Autowired
    MeterRegistry meters;

    @Test
    void theFirstLoadOfALedgerWinsAndLaterOnesLeaveItAsItIs() {
        Ledger ledger = Ledger.player(7_000_001);
        LedgerSnapshot snapshot = LedgerSnapshot.empty(ledger);

        assertThat(cache.load(List.of(snapshot), cache.fence(List.of(ledger)), "first")).containsExactly(LoadOutcome.WRITTEN);
        assertThat(cache.load(List.of(snapshot), cache.fence(List.of(ledger)), "second")).containsExactly(LoadOutcome.ALREADY_LOADED);
        assertThat(redis.opsForValue().get(ledger.loadedKey())).isEqualTo("first");
    }

    @Test
    void aSnapshotFencedBeforeTheCacheWasEmptiedIsRefused() {
        Ledger ledger = Ledger.team(7_000_002);
        List<String> fence = cache.fence(List.of(ledger));
        // ... the snapshot is taken here; meanwhile the cache is emptied and the ledger loaded again anew.
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });

        assertThat(cache.load(List.of(LedgerSnapshot.empty(ledger)), fence, "stale")).containsExactly(LoadOutcome.FENCED_OUT);
        assertThat(redis.hasKey(ledger.loadedKey())).isFalse();
    }

    @Test
    void ledgersAnIngestBatchFindsMissingLoadInTheRebuildsBounds() {
        // After a flush one batch can miss every team ledger: at twenty seasons, all of them at once is every
        // stored line. They load as a full rebuild loads them, at most teams-per-load (2) in each load.
        List<Ledger> teams = LongStream.rangeClosed(7_100_001, 7_100_010).mapToObj(Ledger::team).toList();
        double loadsBefore = ledgerLoads();

        rebuild.loadForIngest(teams);

        assertThat(ledgerLoads() - loadsBefore).as("loads of at most 2 of 10 teams").isGreaterThanOrEqualTo(5);
        teams.forEach(team -> assertThat(redis.hasKey(team.loadedKey())).as("%s loaded", team).isTrue());
    }

    private double ledgerLoads() {
        return meters.get("courtside.rebuild").tag("scope", "ledger").timer().count();
    }
}
