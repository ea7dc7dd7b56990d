package courtside.aggregation;

import courtside.aggregation.cache.RedisPipelines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How one leader index takes the standings a batch of events or a rebuild chunk derived, many members in one
 * atomic call: each member's newest derivation wins, whatever order the writers arrive in, and the index's line
 * count and ranks follow the standings it keeps.
 */
@AggregationServiceTest
class LeaderIndexScriptTests {

    private static final String TAG = "test:{leaders:player:1950-51:regular}";
    private static final List<String> KEYS = List.of(TAG + ":rev", TAG + ":standings", TAG + ":lines",
            TAG + ":rank:points", TAG + ":rank:fg_pct");
    private static final DefaultRedisScript<Long> INDEX = RedisPipelines.script("index-standings.lua", Long.class);

    @Autowired
    StringRedisTemplate redis;

    @BeforeEach
    void emptyIndex() {
        redis.delete(KEYS);
    }

    @Test
    void manyMembersEnterTheIndexInOneCall() {
        assertThat(index(standing("11", 5, "12|a", "24.5", "0.5"), standing("12", 2, "3|b", "9.0", ""))).isEqualTo(2);

        assertThat(redis.opsForHash().entries(KEYS.get(1))).containsOnly(Map.entry("11", "12|a"), Map.entry("12", "3|b"));
        assertThat(redis.opsForValue().get(KEYS.get(2))).isEqualTo("15");
        assertThat(redis.opsForZSet().reverseRange(KEYS.get(3), 0, -1)).containsExactly("11", "12");
        assertThat(redis.opsForZSet().range(KEYS.get(4), 0, -1)).as("12 has no attempts to rank by").containsExactly("11");
    }

    @Test
    void anOlderDerivationIsRefusedAndANewerOneReplacesOrRemoves() {
        index(standing("11", 5, "12|a", "24.5", "0.5"), standing("12", 2, "3|b", "9.0", "0.4"));

        // 11 arrives from a writer that read its ledger before the last write; 12's season lost its last line.
        assertThat(index(standing("11", 4, "11|stale", "30.0", "0.9"), standing("12", 3, "", "", ""))).isEqualTo(1);

        assertThat(redis.opsForHash().entries(KEYS.get(1))).containsOnly(Map.entry("11", "12|a"));
        assertThat(redis.opsForHash().get(KEYS.get(0), "11")).isEqualTo("5");
        assertThat(redis.opsForValue().get(KEYS.get(2))).isEqualTo("12");
        assertThat(redis.opsForZSet().score(KEYS.get(3), "11")).isEqualTo(24.5);
        assertThat(redis.opsForZSet().range(KEYS.get(3), 0, -1)).containsExactly("11");
        assertThat(redis.opsForZSet().range(KEYS.get(4), 0, -1)).containsExactly("11");
    }

    @Test
    void aMemberTwiceInOneCallKeepsItsNewestDerivation() {
        assertThat(index(standing("11", 7, "8|newer", "20.0", "0.5"), standing("11", 6, "7|older", "18.0", "0.4"))).isEqualTo(1);

        assertThat(redis.opsForHash().get(KEYS.get(1), "11")).isEqualTo("8|newer");
        assertThat(redis.opsForValue().get(KEYS.get(2))).isEqualTo("8");
        assertThat(redis.opsForZSet().score(KEYS.get(3), "11")).isEqualTo(20.0);
    }

    private static List<String> standing(String member, long revision, String encoded, String points, String fgPct) {
        return List.of(member, Long.toString(revision), encoded, points, fgPct);
    }

    @SafeVarargs
    private Long index(List<String>... standings) {
        List<String> arguments = new ArrayList<>();
        for (List<String> standing : standings) {
            arguments.addAll(standing);
        }
        return redis.execute(INDEX, KEYS, arguments.toArray());
    }
}
