package courtside.stats.web;

import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static courtside.stats.RealLines.joeHarris;
import static org.assertj.core.api.Assertions.assertThat;

/** What an operator relies on: probes with their backends, Prometheus metrics, the OpenAPI document and UI. */
@StatsServiceTest
class OperationsTests {

    @Autowired
    RestTestClient http;

    @Test
    void livenessIsUp() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void readinessIncludesTheDatabaseAndKafka() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.db.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.details.outbox_backlog").exists();
    }

    @Test
    void prometheusCountsAcceptedAndRejectedLinesAndTheOutboxBacklog() {
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(joeHarris("OPS-0022100001")))
                .exchange().expectStatus().isCreated();
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body("{\"game_id\": 1}")
                .exchange().expectStatus().isBadRequest();

        String metrics = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics)
                .containsPattern("courtside_lines_accepted_total\\{[^}]*outcome=\"created\"[^}]*\\} [1-9]")
                .containsPattern("courtside_lines_rejected_total\\{[^}]*reason=\"invalid\"[^}]*\\} [1-9]")
                .contains("courtside_outbox_backlog", "courtside_outbox_published_total");
    }

    @Test
    void theApiIsDescribedByOpenApiWithAUi() {
        String document = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(document).contains("\"/log\"", "\"/log/{game_id}/{player_id}\"", "\"/average/player/{player_id}\"",
                "\"/average/team/{team_id}\"", "\"/player/{player_id}/stats\"", "\"/team/ids\"");
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
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
