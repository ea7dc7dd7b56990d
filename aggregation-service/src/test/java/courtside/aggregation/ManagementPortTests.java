package courtside.aggregation;

import courtside.aggregation.ledger.CacheLayout;
import courtside.stats.ManagementClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health details, metrics, OpenAPI and the rebuild operation are on the management port only; a rebuild leaves a
 * filled cache alone unless forced, and is refused while another one runs.
 */
@AggregationServiceTest
class ManagementPortTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RestTestClient client;
    @Autowired
    ManagementClient management;
    @Autowired
    CacheLayout layout;

    @Test
    void managementIsNotOnTheServicePort() {
        client.post().uri("/actuator/rebuild").exchange().expectStatus().isNotFound();
        client.post().uri("/actuator/rebuild/force").exchange().expectStatus().isNotFound();
        for (String path : new String[] {"/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                "/actuator/metrics/courtside.events", "/actuator/rebuild", "/v3/api-docs", "/swagger-ui.html",
                "/actuator/openapi"}) {
            client.get().uri(path).exchange().expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        management.http().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        // Liveness alone, its status and nothing more, is on the service port too.
        client.get().uri("/livez").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
    }

    @Test
    void aRebuildOfAFilledCacheSkipsUnlessForced() {
        // The startup rebuild (or one an earlier test asked for) fills the cache; wait until it has.
        await().atMost(Duration.ofSeconds(60)).until(layout::layoutCurrent);
        double fullRebuilds = fullRebuilds();

        for (int call = 0; call < 3; call++) {
            JsonNode skipped = rebuild("/actuator/rebuild", 200);
            assertThat(skipped.get("outcome").asString()).startsWith("skipped");
            assertThat(skipped.get("lines").asLong()).isZero();
        }
        assertThat(fullRebuilds()).as("no ledger was read again").isEqualTo(fullRebuilds);

        JsonNode forced = rebuild("/actuator/rebuild/force", 200);
        assertThat(forced.get("outcome").asString()).isEqualTo("rebuilt");
        assertThat(forced.get("ledgers_written").asLong()).as("every ledger was loaded already").isZero();
        assertThat(fullRebuilds()).isEqualTo(fullRebuilds + 1);
    }

    @Test
    void aRebuildWhileAnotherRunsIsRefused() {
        // Another instance holds the rebuild lock, as it does while it rebuilds.
        String otherInstance = "another-instance-" + System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> layout.lockRebuild(otherInstance, Duration.ofMinutes(1)));
        try {
            JsonNode refused = rebuild("/actuator/rebuild/force", 409);
            assertThat(refused.get("outcome").asString()).isEqualTo("already running on another instance");
        } finally {
            layout.unlockRebuild(otherInstance);
        }
        rebuild("/actuator/rebuild/force", 200);
    }

    private JsonNode rebuild(String uri, int status) {
        return JSON.readTree(management.http().post().uri(uri).exchange().expectStatus().isEqualTo(status)
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private double fullRebuilds() {
        JsonNode timer = JSON.readTree(management.http().get().uri("/actuator/metrics/courtside.rebuild?tag=scope:full")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        for (JsonNode measurement : timer.get("measurements")) {
            if (measurement.get("statistic").asString().equals("COUNT")) {
                return measurement.get("value").asDouble();
            }
        }
        throw new AssertionError("no COUNT in " + timer);
    }
}
