package courtside.aggregation;

import courtside.embedded.EmbeddedStack;
import courtside.embedded.RedisNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 item 4: Redis stalls, or is unreachable for 30 s, in the middle of a replay with corrections and retries. A batch whose ledger
 * writes Redis executed after the client had given up on them is delivered again; every read model of the replayed
 * season (leader tables, distributions, standings) and the line total must still end equal to SQL, as the averages do.
 */
@AggregationServiceTest
class RedisFaultTests {

    @Autowired
    Pipeline pipeline;
    @Autowired
    RestTestClient client;

    @Test
    void threeRedisStallsMidReplayLeaveEveryReadModelEqualToSql() throws Exception {
        SyntheticSeason season = SyntheticSeason.starting(2017);
        FaultReplay replay = new FaultReplay(pipeline, season.linesOfFirstGames(60), 12, 15).start();
        for (int stall = 0; stall < 3 && replay.running(); stall++) {
            Thread.sleep(1_500);
            // Longer than the client's command timeout (1 s): the commands queued behind it run after the client
            // has given up on them.
            redisSleeps(Duration.ofSeconds(3));
        }
        replay.finish();
        pipeline.awaitQuiet();

        assertThat(pipeline.assertCacheEqualsSql(season.label())).isPositive();
    }

    @Test
    void redisUnreachableForThirtySecondsMidReplayThenBackLeavesEveryReadModelEqualToSql() throws Exception {
        SyntheticSeason season = SyntheticSeason.starting(1995);
        List<Map<String, Object>> lines = season.linesOfFirstGames(40);
        long player = ((Number) lines.getFirst().get("player_id")).longValue();
        String uri = "/average/player/%d?season=%s".formatted(player, season.label());
        FaultReplay replay = new FaultReplay(pipeline, lines, 12, 40).start();
        Thread.sleep(1_500);
        // Redis takes connections but answers nothing for 30 s, as behind a dropped route; what was sent meanwhile
        // runs when it wakes up. Reads answer from PostgreSQL (BYPASS) meanwhile.
        CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> redisSleeps(Duration.ofSeconds(30)));
        Thread.sleep(3_000);
        client.get().uri(uri).exchange().expectStatus().isOk().expectHeader().valueEquals("X-Cache", "BYPASS");
        outage.get();
        long back = System.nanoTime();

        // Back within seconds: answers come from Redis again.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> !"BYPASS".equals(
                client.get().uri(uri).exchange().returnResult(String.class).getResponseHeaders().getFirst("X-Cache")));
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(5));
        replay.finish();
        pipeline.awaitQuiet();

        assertThat(pipeline.assertCacheEqualsSql(season.label())).isPositive();
    }

    /** {@code DEBUG SLEEP}: Redis answers nothing for that long, and then runs what queued up meanwhile. */
    static void redisSleeps(Duration duration) {
        RedisNode redis = EmbeddedStack.shared().redis();
        try (Socket socket = new Socket(redis.host(), redis.port())) {
            socket.setSoTimeout((int) duration.plusSeconds(30).toMillis());
            socket.getOutputStream().write(("DEBUG SLEEP " + duration.toSeconds() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream reply = socket.getInputStream();
            assertThat(reply.read()).as("Redis's answer to DEBUG SLEEP").isEqualTo('+');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
