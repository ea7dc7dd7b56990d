package courtside.aggregation;

import courtside.embedded.EmbeddedStack;
import courtside.stats.ManagementClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** docs/design.md I4: with Kafka down the cached averages are still answered, and they catch up when it returns. */
@AggregationServiceTest
class KafkaOutageTests {

    @Autowired
    RestTestClient client;
    @Autowired
    ManagementClient management;
    @Autowired
    Pipeline pipeline;

    @Test
    void withKafkaDownAveragesAreStillAnsweredAndTheyCatchUpWhenItReturns() {
        SyntheticSeason season = SyntheticSeason.starting(2016);
        List<Map<String, Object>> lines = season.linesOfFirstGames(8);
        int half = lines.size() / 2;
        pipeline.post(lines.subList(0, half), 50);
        pipeline.awaitQuiet();
        long player = ((Number) lines.getFirst().get("player_id")).longValue();
        String uri = "/average/player/%d?season=%s".formatted(player, season.label());
        long gamesBefore = gamesPlayed(uri);

        EmbeddedStack.shared().kafka().stop();
        try {
            // stats-service keeps accepting lines into its outbox; this service keeps answering what it has.
            pipeline.post(lines.subList(half, lines.size()), 50);
            client.get().uri(uri).exchange().expectStatus().isOk().expectHeader().valueEquals("X-Cache", "HIT");
            assertThat(gamesPlayed(uri)).isEqualTo(gamesBefore);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> management.http().get().uri("/actuator/health/readiness")
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.components.kafka.status").isEqualTo("DEGRADED"));
        } finally {
            EmbeddedStack.shared().kafka().start();
        }
        pipeline.awaitQuiet();

        long gamesAfter = lines.stream().filter(l -> ((Number) l.get("player_id")).longValue() == player).count();
        assertThat(gamesPlayed(uri)).isEqualTo(gamesAfter);
        pipeline.assertCacheEqualsSql(season.label());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> management.http().get().uri("/actuator/health/readiness")
                .exchange().expectBody().jsonPath("$.components.kafka.status").isEqualTo("UP"));
    }

    private long gamesPlayed(String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody().get("games_played") instanceof Number n ? n.longValue() : -1;
    }
}
