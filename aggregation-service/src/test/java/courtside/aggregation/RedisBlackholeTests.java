package courtside.aggregation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 15 item 4: Redis behind a network that silently drops every packet for 30 s. While it is cut off every
 * average is answered from PostgreSQL (BYPASS) within seconds; once the network is back, answers come from Redis
 * again within seconds, and the consumer applies the lines posted meanwhile.
 *
 * <p>A stopped or paused Redis does not show this (its kernel answers: the client's connection dies at once or
 * resumes at once). Behind a blackhole the connection stays established, the kernel's retransmissions back off to
 * tens of seconds, and a client that waits for that connection to recover waits for its next retransmission.
 *
 * <p>Its own context, against a Redis of its own in a network namespace ({@link BlackholedRedis}); PostgreSQL and
 * Kafka are the shared stack's, read in a consumer group of its own.
 */
@ExtendWith(RedisBlackholeTests.NamespaceOutlivesTheContext.class)
@AggregationServiceTest
@DirtiesContext
class RedisBlackholeTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** Measured with the shot clock: 0.3-2.5 s; without it 23-25 s. The margin is for a busy 2-core machine. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);
    /** Any answer while Redis is cut off: the 1 s command timeout and a PostgreSQL read, with a busy machine's margin. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(4);

    private static BlackholedRedis redis;

    @Autowired
    RestTestClient client;
    @Autowired
    Pipeline pipeline;

    @BeforeAll
    static void redisInANamespaceOfItsOwn() {
        String missing = BlackholedRedis.missingPrerequisite();
        if (missing != null) {
            String reason = "RedisBlackholeTests needs a network namespace: " + missing;
            // .ci/run sets COURTSIDE_REQUIRE_NETNS where it runs as root (machines like the one CI runs on): there a
            // missing prerequisite fails the build instead of skipping the test. GitHub's runners are not root.
            if ("1".equals(System.getenv("COURTSIDE_REQUIRE_NETNS"))
                    || (Files.isExecutable(BlackholedRedis.IP) && BlackholedRedis.isRoot())) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        redis = BlackholedRedis.start();
    }

    @DynamicPropertySource
    static void redisBehindTheLink(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> "redis://" + redis.address());
        // Not the shared context's group: this context's consumer writes to its own Redis.
        registry.add("spring.kafka.consumer.group-id", () -> "aggregation-service-blackhole");
    }

    @Test
    void afterABlackholeAnswersLeaveBypassWithinSecondsAndTheConsumerCatchesUp() throws Exception {
        SyntheticSeason season = SyntheticSeason.starting(1997);
        List<Map<String, Object>> lines = season.linesOfFirstGames(40);
        Object player = lines.getFirst().get("player_id");
        // His team's second game is posted while Redis is cut off; the games before it, before the cut.
        List<Object> games = new ArrayList<>(new LinkedHashSet<>(lines.stream()
                .filter(l -> l.get("player_id").equals(player)).map(l -> l.get("game_id")).toList()));
        assertThat(games).as("games of player %s in the first 40", player).hasSizeGreaterThanOrEqualTo(2);
        Object secondGame = games.get(1);
        int secondGameStart = lines.indexOf(lines.stream().filter(l -> l.get("game_id").equals(secondGame)).findFirst().orElseThrow());
        List<Map<String, Object>> beforeCut = lines.subList(0, secondGameStart);
        List<Map<String, Object>> duringCut = lines.stream().filter(l -> l.get("game_id").equals(secondGame)).toList();
        String uri = "/average/player/%s?season=%s".formatted(player, season.label());

        pipeline.post(beforeCut, 50);
        awaitCachedEqualsSql(uri, 1, Duration.ofMinutes(3));

        Map<String, Integer> duringOutage = new TreeMap<>();
        long slowest = 0;
        redis.cutOff();
        try {
            CompletableFuture<Void> posted = CompletableFuture.runAsync(() -> pipeline.post(duringCut, 50));
            long until = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < until) {
                long start = System.nanoTime();
                var answer = client.get().uri(uri).exchange().returnResult(String.class);
                long took = System.nanoTime() - start;
                slowest = Math.max(slowest, took);
                duringOutage.merge(answer.getStatus().value() + " " + answer.getResponseHeaders().getFirst("X-Cache"), 1, Integer::sum);
                assertThat(answer.getStatus().value()).as("%s while Redis is cut off", uri).isEqualTo(200);
                assertThat(answer.getResponseHeaders().getFirst("X-Cache")).as("%s while Redis is cut off", uri).isEqualTo("BYPASS");
                assertThat(Duration.ofNanos(took)).as("answer time of %s while Redis is cut off", uri).isLessThan(ANSWER_BOUND);
                Thread.sleep(100);
            }
            posted.get();
        } finally {
            redis.reconnect();
        }
        long back = System.nanoTime();

        String firstFromRedis = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> cacheSource(uri), source -> !"BYPASS".equals(source));
        Duration recovery = Duration.ofNanos(System.nanoTime() - back);
        awaitCachedEqualsSql(uri, 2, Duration.ofSeconds(60));
        Duration caughtUp = Duration.ofNanos(System.nanoTime() - back);
        System.out.printf("[measured] Redis blackholed %d s: answers meanwhile %s, slowest %d ms; after the network came back, "
                        + "first %s in %d ms, the line posted meanwhile applied in %d ms%n", OUTAGE.toSeconds(), duringOutage,
                Duration.ofNanos(slowest).toMillis(), firstFromRedis, recovery.toMillis(), caughtUp.toMillis());

        assertThat(firstFromRedis).as("the ledger stayed in Redis").isEqualTo("HIT");
        assertThat(recovery).as("time from the network coming back to answers from Redis").isLessThan(RECOVERY_BOUND);
        Set<Object> players = new LinkedHashSet<>(Stream.concat(beforeCut.stream(), duringCut.stream())
                .map(l -> l.get("player_id")).toList());
        // Every line posted meanwhile reaches the cache, not only that player's.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Object id : players) {
                pipeline.assertCachedEqualsSql("player", ((Number) id).longValue(), season.label(), "regular");
            }
        });
    }

    /** Until the player's cached average is a HIT with {@code games} games, equal to stats-service's SQL answer. */
    private void awaitCachedEqualsSql(String uri, int games, Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var cached = client.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class);
            assertThat(cached.getResponseHeaders().getFirst("X-Cache")).as(uri).isEqualTo("HIT");
            var body = JSON.readTree(cached.getResponseBody());
            assertThat(body.get("games_played").asInt()).as("games of %s", uri).isEqualTo(games);
            Pipeline.assertSameAverage(uri, body, JSON.readTree(RunningStatsService.shared().client().get().uri(uri).exchange()
                    .expectStatus().isOk().returnResult(String.class).getResponseBody()));
        });
    }

    private String cacheSource(String uri) {
        return client.get().uri(uri).exchange().returnResult(String.class).getResponseHeaders().getFirst("X-Cache");
    }

    /**
     * Removes the namespace once the context is closed (@DirtiesContext): declared before Spring's extension, so it
     * runs after it. Were the namespace gone first, its address would be routed out of this machine, and the context's
     * client would keep reconnecting to whatever answers there.
     */
    static final class NamespaceOutlivesTheContext implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext junit) {
            if (redis != null) {
                redis.close();
            }
        }
    }
}
