package courtside.aggregation;

import courtside.stats.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 item 11: Redis runs with {@code maxmemory} and {@code noeviction}, so a full Redis refuses every write
 * ({@code OOM command not allowed}); readiness says so, with the figures, instead of showing only a stalled consumer.
 * The test lowers the real Redis's {@code maxmemory} with {@code CONFIG SET} and puts it back afterwards.
 */
@AggregationServiceTest
class RedisMemoryHealthTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    StringRedisTemplate redis;
    @Autowired
    ManagementClient management;
    @Autowired
    Pipeline pipeline;

    private String maxMemory;

    @BeforeEach
    void rememberTheLimit() {
        maxMemory = config("maxmemory");
    }

    @AfterEach
    void restoreTheLimit() {
        setConfig("maxmemory", maxMemory);
    }

    @Test
    void aRedisAlmostAtItsMemoryLimitIsDegradedWithTheFiguresInTheDetails() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            // Set anew each time from what Redis holds just now: a small Redis's use moves by a few percent.
            long limit = usedMemory() * 100 / 98;
            setConfig("maxmemory", Long.toString(limit));
            JsonNode redisHealth = readiness().get("components").get("redis");
            assertThat(redisHealth.get("status").asString()).as("Redis in readiness: %s", redisHealth).isEqualTo("DEGRADED");
            assertThat(redisHealth.get("details").get("maxmemory").longValue()).isEqualTo(limit);
            assertThat(redisHealth.get("details").get("used_memory").longValue()).isPositive();
            assertThat(redisHealth.get("details").get("used_memory_share").doubleValue()).isGreaterThanOrEqualTo(0.95);
        });
        assertThat(readinessStatus()).as("degraded, not out of rotation: cached averages are still answered").isEqualTo(200);

        setConfig("maxmemory", maxMemory);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(readiness().get("components").get("redis").get("status").asString()).isEqualTo("UP"));
    }

    @Test
    void aWriteRefusedForWantOfMemoryShowsInReadinessAndItsLineArrivesOnceThereIsRoom() {
        List<Map<String, Object>> lines = SyntheticSeason.starting(1993).linesOfFirstGames(2);
        pipeline.post(lines.subList(0, 10), 10);
        pipeline.awaitQuiet();

        setConfig("maxmemory", "1");
        try {
            pipeline.post(lines.subList(10, lines.size()), 50);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode redisHealth = readiness().get("components").get("redis");
                assertThat(redisHealth.get("status").asString()).as("Redis in readiness: %s", redisHealth).isEqualTo("DEGRADED");
                assertThat(redisHealth.get("details").has("last_write_refused_out_of_memory"))
                        .as("the refused write in %s", redisHealth).isTrue();
            });
        } finally {
            setConfig("maxmemory", maxMemory);
        }
        // Room again, yet the refusal is fresh: it still shows for a few seconds, whatever the share in use says.
        JsonNode justAfter = readiness().get("components").get("redis");
        assertThat(justAfter.get("details").get("used_memory_share").doubleValue()).isLessThan(0.95);
        assertThat(justAfter.get("status").asString()).as("right after: %s", justAfter).isEqualTo("DEGRADED");

        pipeline.awaitQuiet();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(readiness().get("components").get("redis").get("status").asString()).isEqualTo("UP"));
        pipeline.assertWholeCacheEqualsSql();
    }

    private JsonNode readiness() {
        return JSON.readTree(management.http().get().uri("/actuator/health/readiness").exchange()
                .returnResult(String.class).getResponseBody());
    }

    private int readinessStatus() {
        return management.http().get().uri("/actuator/health/readiness").exchange().returnResult(String.class)
                .getStatus().value();
    }

    private long usedMemory() {
        Properties memory = redis.execute((RedisCallback<Properties>) connection -> connection.serverCommands().info("memory"));
        return Long.parseLong(memory.getProperty("used_memory").strip());
    }

    private String config(String name) {
        Properties config = redis.execute((RedisCallback<Properties>) connection -> connection.serverCommands().getConfig(name));
        return config.getProperty(name);
    }

    private void setConfig(String name, String value) {
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().setConfig(name, value);
            return null;
        });
    }
}
