package courtside.stats.web;

import courtside.model.CourtsideJson;
import courtside.stats.ManagementClient;
import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static courtside.stats.RealLines.joeHarris;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator relies on: probes with their backends, Prometheus metrics, the OpenAPI document and UI, all on the
 * management port and none of them on the service port.
 */
@StatsServiceTest
class OperationsTests {

    @Autowired
    RestTestClient http;

    @Autowired
    ManagementClient management;

    @Test
    void managementIsNotOnTheServicePort() {
        for (String path : new String[] {"/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                "/actuator/metrics", "/actuator/env", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html",
                "/actuator/openapi", "/actuator/swagger-ui"}) {
            http.get().uri(path).exchange().expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void livenessAloneIsAlsoOnTheServicePortWithoutDetails() {
        http.get().uri("/livez").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
    }

    @Test
    void managementListensOnLoopbackOnly(@Autowired Environment environment) {
        assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void livenessIsUp() {
        management.http().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void readinessIncludesTheDatabaseAndKafka() {
        // Kafka is checked in the background; another test may have just restarted it.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                management.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
                        .jsonPath("$.status").isEqualTo("UP")
                        .jsonPath("$.components.db.status").isEqualTo("UP")
                        .jsonPath("$.components.kafka.status").isEqualTo("UP")
                        .jsonPath("$.components.kafka.details.outbox_backlog").exists());
    }

    @Test
    void prometheusCountsAcceptedAndRejectedLinesAndTheOutboxBacklog() {
        double created = counter("courtside_lines_accepted_total", "outcome=\"created\"");
        double invalid = counter("courtside_lines_rejected_total", "reason=\"invalid\"");

        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(joeHarris("OPS-0022100001")))
                .exchange().expectStatus().isCreated();
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body("{\"game_id\": \"OPS-2\"}")
                .exchange().expectStatus().isBadRequest();

        assertThat(counter("courtside_lines_accepted_total", "outcome=\"created\"")).isEqualTo(created + 1);
        assertThat(counter("courtside_lines_rejected_total", "reason=\"invalid\"")).isEqualTo(invalid + 1);
        assertThat(prometheus()).contains("courtside_outbox_backlog", "courtside_outbox_published_total");
    }

    /** A counter's value in the Prometheus text, 0 before its first increment. */
    private double counter(String name, String tag) {
        Matcher value = Pattern.compile("^" + name + "\\{[^}]*" + Pattern.quote(tag) + "[^}]*} (\\S+)$", Pattern.MULTILINE)
                .matcher(prometheus());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private String prometheus() {
        return management.http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void theApiIsDescribedByOpenApiWithAUiOnTheManagementPort() {
        String document = management.http().get().uri("/actuator/openapi").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(document).contains("\"/log\"", "\"/log/{game_id}/{player_id}\"", "\"/average/player/{player_id}\"",
                "\"/average/team/{team_id}\"", "\"/player/{player_id}/stats\"", "\"/team/ids\"");
        management.http().get().uri("/actuator/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void theOpenApiDocumentDescribesEveryFieldOfALine() {
        String document = management.http().get().uri("/actuator/openapi").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        JsonNode line = CourtsideJson.mapper().readTree(document).path("components").path("schemas").path("StatLineRequest");

        assertThat(line.path("properties").propertyNames()).as("the fields of a line, as a client sends them").containsExactlyInAnyOrder(
                "game_id", "game_date", "season", "season_type", "player_id", "player_name", "team_id",
                "team_abbreviation", "points", "rebounds", "assists", "steals", "blocks", "turnovers", "fouls",
                "minutes_played", "overtime_periods", "fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb", "dreb",
                "plus_minus");
        assertThat(line.path("properties").path("fouls").path("maximum").asInt()).isEqualTo(6);
        assertThat(line.path("required").valueStream().map(JsonNode::asString)).contains("game_id", "points", "minutes_played")
                .doesNotContain("fgm", "plus_minus");
    }

    @Test
    void anUnknownPathOrMethodIsAProblemToo() {
        http.get().uri("/players").exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/log").exchange().expectStatus().isEqualTo(405)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aClientAcceptingJsonStillGetsAProblem() {
        http.get().uri("/average/player/990999").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.title").isEqualTo("Player not found").jsonPath("$.status").isEqualTo(404);
    }
}
