package courtside.aggregation;

import courtside.embedded.EmbeddedStack;
import courtside.embedded.RedisNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 4: Redis stalls in the middle of a replay with corrections and retries. A batch whose ledger
 * writes Redis executed after the client had given up on them is delivered again; every read model (leader
 * tables, the line total, standings) must still end equal to SQL, as the averages do.
 */
@AggregationServiceTest
class RedisFaultTests {

    @Autowired
    Pipeline pipeline;

    @Test
    void threeRedisStallsMidReplayLeaveEveryReadModelEqualToSql() throws Exception {
        FaultReplay replay = new FaultReplay(pipeline, SyntheticSeason.starting(2017).linesOfFirstGames(60), 12, 15).start();
        for (int stall = 0; stall < 3 && replay.running(); stall++) {
            Thread.sleep(1_500);
            // Longer than the client's command timeout (1 s): the commands queued behind it run after the client
            // has given up on them.
            redisSleeps(Duration.ofSeconds(3));
        }
        replay.finish();
        pipeline.awaitQuiet();

        assertThat(pipeline.assertWholeCacheEqualsSql()).isPositive();
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
