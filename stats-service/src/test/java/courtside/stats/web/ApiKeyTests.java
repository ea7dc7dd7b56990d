package courtside.stats.web;

import courtside.embedded.EmbeddedStack;
import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceApplication;
import courtside.stats.StatsServiceTest;
import courtside.stats.StoredState;
import courtside.stats.apikey.ApiKeySettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.LinkedHashMap;
import java.util.Map;

import static courtside.stats.RealLines.joeHarris;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Writes need one of the keys of STATS_API_KEY (two while a key is rotated) in X-API-Key; reads stay open; with no
 * key at all the service does not start unless anonymous writes are switched on explicitly.
 */
@StatsServiceTest
@TestPropertySource(properties = "STATS_API_KEY=scorers-table-key, scorers-table-key-2027")
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

        for (String wrong : new String[] {"scorers-table-kez", "scorers-table-key,scorers-table-key-2027", "", "scorers"}) {
            http.post().uri("/log").header("X-API-Key", wrong).contentType(MediaType.APPLICATION_JSON).body(LINE)
                    .exchange().expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.detail").isEqualTo("The X-API-Key header does not match");
        }
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

    @Test
    void eitherOfTwoKeysWritesWhileAKeyIsRotated() {
        String line = SampleSeason.json(joeHarris("KEY-0022100002"));
        http.post().uri("/log").header("X-API-Key", "scorers-table-key-2027").contentType(MediaType.APPLICATION_JSON)
                .body(line).exchange().expectStatus().isCreated();
        http.post().uri("/log").header("X-API-Key", "scorers-table-key").contentType(MediaType.APPLICATION_JSON)
                .body(line).exchange().expectStatus().isCreated();
        http.delete().uri("/log/KEY-0022100002/203925").header("X-API-Key", "scorers-table-key-2027")
                .exchange().expectStatus().isNoContent();
    }

    @Test
    void withNoKeyAndNoExplicitAnonymousWritesTheServiceRefusesToStart() {
        assertThatException().isThrownBy(() -> startStatsService(Map.of("STATS_API_KEY", "")).close())
                .satisfies(e -> assertThat(messages(e)).contains("STATS_API_KEY", "STATS_ANONYMOUS_WRITES=true"));
    }

    @Test
    void aShortKeyIsRefusedAtStartup() {
        assertThatException().isThrownBy(() -> startStatsService(Map.of("STATS_API_KEY", "scorers-table-key,1234")).close())
                .satisfies(e -> assertThat(messages(e)).contains("at least 16 characters"));
    }

    @Test
    void anonymousWritesSwitchedOnExplicitlyStart() {
        try (ConfigurableApplicationContext started = startStatsService(
                Map.of("STATS_API_KEY", "", "STATS_ANONYMOUS_WRITES", "true"))) {
            assertThat(started.getBean(ApiKeySettings.class).keyRequired()).isFalse();
        }
    }

    /** A second stats-service on the same embedded stack, configured only through its environment. */
    private static ConfigurableApplicationContext startStatsService(Map<String, String> environment) {
        Map<String, Object> properties = new LinkedHashMap<>(EmbeddedStack.shared().environment());
        properties.put("STATS_PORT", "0");
        properties.put("STATS_MANAGEMENT_PORT", "0");
        properties.put("LOG_FORMAT", "");
        properties.putAll(environment);
        return new SpringApplicationBuilder(StatsServiceApplication.class)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("environment", properties)))
                .run();
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
