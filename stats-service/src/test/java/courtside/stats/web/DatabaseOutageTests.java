package courtside.stats.web;

import courtside.embedded.EmbeddedStack;
import courtside.embedded.PostgresNode;
import courtside.stats.ManagementClient;
import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static courtside.stats.RealLines.joeHarris;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PostgreSQL down: writes answer 503 and acknowledge nothing; the service recovers when it returns. */
@StatsServiceTest
class DatabaseOutageTests {

    @Autowired
    RestTestClient http;

    @Autowired
    ManagementClient management;

    @Test
    void whilePostgresIsDownWritesAnswer503AndNothingIsAcknowledged() {
        Map<String, Object> line = joeHarris("PGDOWN-0022100001");
        PostgresNode postgres = EmbeddedStack.shared().postgres();
        postgres.stop();
        try {
            JsonNode problem = http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(line))
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(problem.get("title").asString()).isEqualTo("Database unavailable");
            assertThat(problem.toString()).doesNotContainIgnoringCase("exception").doesNotContain("jdbc:");

            http.delete().uri("/log/PGDOWN-0022100001/203925").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            http.get().uri("/average/player/203925").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            management.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectBody().jsonPath("$.components.db.status").isEqualTo("DOWN");
        } finally {
            postgres.start();
        }

        // Nothing was stored during the outage: the same line is new now.
        AtomicReference<JsonNode> stored = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> stored.set(
                http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(line))
                        .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()));
        assertThat(stored.get().get("outcome").asString()).isEqualTo("created");
        assertThat(stored.get().get("version").asLong()).isEqualTo(1);
        management.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }
}
