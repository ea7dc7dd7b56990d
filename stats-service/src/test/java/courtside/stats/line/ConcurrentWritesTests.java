package courtside.stats.line;

import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static courtside.stats.RealLines.giannis;
import static courtside.stats.RealLines.joeHarris;
import static courtside.stats.RealLines.lebron;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scorers post at the same moment: a game's rules and a line's identity still hold, because every write
 * holds its games' row locks while it checks and stores.
 */
@StatsServiceTest
class ConcurrentWritesTests {

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void threeTeamsRacingIntoOneGameLeaveTwo() throws Exception {
        for (int round = 0; round < 5; round++) {
            String game = "RACE-" + round;
            List<EntityExchangeResult<JsonNode>> results = allAtOnce(List.of(joeHarris(game), giannis(game), lebron(game)));

            assertThat(results).extracting(r -> r.getStatus().value()).as("round %d", round)
                    .containsExactlyInAnyOrder(201, 201, 409);
            assertThat(jdbc.queryForObject("SELECT count(DISTINCT team_id) FROM stat_line WHERE game_id = ?", Long.class, game))
                    .isEqualTo(2);
        }
    }

    @Test
    void retriesOfOneLineRacingEachOtherStoreOneVersion() throws Exception {
        Map<String, Object> line = joeHarris("RETRYRACE-0022100001");
        List<Map<String, Object>> copies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            copies.add(line);
        }

        List<EntityExchangeResult<JsonNode>> results = allAtOnce(copies);

        assertThat(results).extracting(r -> r.getStatus().value()).containsOnly(201);
        assertThat(results).extracting(r -> r.getResponseBody().get("outcome").asString())
                .containsOnlyOnce("created").containsOnly("created", "unchanged");
        assertThat(jdbc.queryForObject("SELECT version FROM stat_line WHERE game_id = ?", Long.class, "RETRYRACE-0022100001"))
                .isEqualTo(1);
    }

    /** Posts each line from its own thread, released together. */
    private List<EntityExchangeResult<JsonNode>> allAtOnce(List<Map<String, Object>> lines) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<EntityExchangeResult<JsonNode>>> posts = new ArrayList<>();
            for (Map<String, Object> line : lines) {
                posts.add(clients.submit(() -> {
                    start.await();
                    return http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(line))
                            .exchange().expectBody(JsonNode.class).returnResult();
                }));
            }
            start.countDown();
            List<EntityExchangeResult<JsonNode>> results = new ArrayList<>();
            for (Future<EntityExchangeResult<JsonNode>> post : posts) {
                results.add(post.get());
            }
            return results;
        }
    }
}
