package courtside.stats.web;

import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import courtside.stats.StoredState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static courtside.stats.RealLines.joeHarris;
import static org.assertj.core.api.Assertions.assertThat;

/** With STATS_API_KEY set, writes need it in X-API-Key; reads stay open. */
@StatsServiceTest
@TestPropertySource(properties = "STATS_API_KEY=scorers-table-key")
class ApiKeyTests {

    private static final String LINE = SampleSeason.json(joeHarris("KEY-0022100001"));

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWriteWithoutTheKeyIsRefusedAndChangesNothing() {
        StoredState before = StoredState.of(jdbc);

        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(LINE).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("API key required");

        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aWriteWithAWrongKeyIsRefusedAndChangesNothing() {
        StoredState before = StoredState.of(jdbc);

        http.post().uri("/log").header("X-API-Key", "scorers-table-kez").contentType(MediaType.APPLICATION_JSON).body(LINE)
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("The X-API-Key header does not match");
        http.delete().uri("/log/KEY-0022100001/203925").exchange().expectStatus().isUnauthorized();

        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void theRightKeyWritesAndReadsNeedNoKey() {
        http.post().uri("/log").header("X-API-Key", "scorers-table-key").contentType(MediaType.APPLICATION_JSON).body(LINE)
                .exchange().expectStatus().isCreated();

        http.get().uri("/player/203925/stats?last=1").exchange().expectStatus().isOk();
        http.delete().uri("/log/KEY-0022100001/203925").header("X-API-Key", "scorers-table-key")
                .exchange().expectStatus().isNoContent();
    }
}
