package courtside.stats.line;

import courtside.embedded.EmbeddedStack;
import courtside.model.StatLineChanged;
import courtside.model.StatLineChanged.Change;
import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import courtside.stats.StoredState;
import courtside.stats.TopicReader;
import courtside.stats.TopicReader.Received;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static courtside.stats.RealLines.giannis;
import static courtside.stats.RealLines.joeHarris;
import static courtside.stats.RealLines.lebron;
import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A line is identified by (game_id, player_id): the same values again change nothing, different values are a
 * correction with the next version and one new event, a removal is a version too, and a batch is stored whole
 * or not at all.
 */
@StatsServiceTest
class LineIdentityTests {

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    private final TopicReader topic = new TopicReader(EmbeddedStack.shared().kafka().bootstrapServers(), "nba.stat-lines");

    @Test
    void postingTheSameLineAgainIsAnIdempotentRetry() {
        Map<String, Object> line = joeHarris("RETRY-0022100001");
        JsonNode first = post(line);
        StoredState afterFirst = StoredState.of(jdbc);

        JsonNode retry = post(line);

        assertThat(first.get("outcome").asString()).isEqualTo("created");
        assertThat(first.get("version").asLong()).isEqualTo(1);
        assertThat(retry.get("outcome").asString()).isEqualTo("unchanged");
        assertThat(retry.get("version").asLong()).isEqualTo(1);
        assertThat(StoredState.of(jdbc)).as("no new version and no new event").isEqualTo(afterFirst);
        assertThat(eventsOf("RETRY-0022100001")).extracting(e -> e.event().version()).containsExactly(1L);
    }

    @Test
    void differentValuesAreACorrectionWithTheNextVersionAndExactlyOneNewEvent() {
        Map<String, Object> line = joeHarris("CORRECT-0022100001");
        post(line);
        // A live game: the scorer posts the running line again after Harris made two free throws.
        Map<String, Object> later = with(line, "ftm", 2, "fta", 2, "points", 11);

        JsonNode corrected = post(later);

        assertThat(corrected.get("outcome").asString()).isEqualTo("corrected");
        assertThat(corrected.get("version").asLong()).isEqualTo(2);
        assertThat(corrected.get("points").asInt()).isEqualTo(11);
        List<Received> events = eventsOf("CORRECT-0022100001");
        assertThat(events).extracting(e -> e.event().version()).containsExactly(1L, 2L);
        StatLineChanged correction = events.get(1).event();
        assertThat(correction.change()).isEqualTo(Change.CORRECTED);
        assertThat(correction.stats().points()).isEqualTo(11);
        assertThat(correction.stats().ftm()).isEqualTo(2);
        assertThat(events.get(1).eventType()).isEqualTo("stat-line.corrected");
    }

    @Test
    void theCorrectedLineIsTheOnlyOneThatCountsInTheAverageAtOnce() {
        // A season of its own, so that the average holds only this test's lines.
        Map<String, Object> running = with(giannis("LIVE-0019900001"), "game_date", "2000-01-15", "points", 20,
                "ftm", 0, "fta", 0, "fgm", 10, "fga", 20, "fg3m", 0, "fg3a", 2, "player_id", 990001);
        post(running);
        post(with(running, "points", 22, "ftm", 2, "fta", 2));

        JsonNode average = http.get().uri("/average/player/990001?season=1999-00").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(average.get("games_played").asLong()).isEqualTo(1);
        assertThat(average.get("totals").get("points").asLong()).isEqualTo(22);
    }

    @Test
    void oneBadLineInABatchStoresNothing() {
        List<Map<String, Object>> batch = List.of(lebron("ATOMIC-0022100002"), giannis("ATOMIC-0022100001"),
                with(joeHarris("ATOMIC-0022100001"), "fouls", 7));
        StoredState before = StoredState.of(jdbc);

        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(batch))
                .exchange().expectStatus().isBadRequest();

        assertThat(StoredState.of(jdbc)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stat_line WHERE game_id LIKE 'ATOMIC-%'", Long.class)).isZero();
    }

    @Test
    void aRemovalIsANewVersionAndTheLineCanBePostedAgainUnderAnotherTeam() {
        Map<String, Object> line = joeHarris("REMOVE-0022100001");
        post(line);

        http.delete().uri("/log/REMOVE-0022100001/203925").exchange().expectStatus().isNoContent();
        http.delete().uri("/log/REMOVE-0022100001/203925").exchange().expectStatus().isNotFound();
        JsonNode again = post(with(line, "team_id", 1610612749L, "team_abbreviation", "MIL"));

        assertThat(again.get("outcome").asString()).isEqualTo("created");
        assertThat(again.get("version").asLong()).isEqualTo(3);
        List<Received> events = eventsOf("REMOVE-0022100001");
        assertThat(events).extracting(e -> e.event().change()).containsExactly(Change.RECORDED, Change.REMOVED, Change.RECORDED);
        assertThat(events).extracting(e -> e.event().version()).containsExactly(1L, 2L, 3L);
        assertThat(events.get(1).event().deleted()).isTrue();
        assertThat(events.get(1).event().teamId()).as("a removal names the team the line counted for").isEqualTo(1610612751L);
    }

    @Test
    void aRemovedLineNoLongerCountsAnywhere() {
        Map<String, Object> line = with(lebron("GONE-0019900002"), "game_date", "2000-01-16", "player_id", 990002);
        post(line);
        http.get().uri("/average/player/990002?season=1999-00").exchange().expectStatus().isOk();

        http.delete().uri("/log/GONE-0019900002/990002").exchange().expectStatus().isNoContent();

        http.get().uri("/average/player/990002?season=1999-00").exchange().expectStatus().isNotFound();
        http.get().uri("/player/990002/stats").exchange().expectStatus().isNotFound();
    }

    @Test
    void aRunningLinePostedWithoutItsNamesKeepsTheStoredOnes() {
        Map<String, Object> line = joeHarris("NAMES-0022100001");
        post(line);

        JsonNode retry = post(with(line, "player_name", null, "team_abbreviation", null));
        JsonNode corrected = post(with(line, "player_name", null, "team_abbreviation", null, "ftm", 2, "fta", 2, "points", 11));

        assertThat(retry.get("outcome").asString()).isEqualTo("unchanged");
        assertThat(corrected.get("outcome").asString()).isEqualTo("corrected");
        assertThat(corrected.get("player_name").asString()).isEqualTo("Joe Harris");
        assertThat(corrected.get("team_abbreviation").asString()).isEqualTo("BKN");
    }

    @Test
    void aCorrectionKeepsWhenTheLineWasCreated() {
        Map<String, Object> line = joeHarris("STAMP-0022100001");
        post(line);
        List<OffsetDateTime> created = stamps("STAMP-0022100001");

        post(with(line, "ftm", 2, "fta", 2, "points", 11));
        http.delete().uri("/log/STAMP-0022100001/203925").exchange().expectStatus().isNoContent();
        List<OffsetDateTime> removed = stamps("STAMP-0022100001");

        assertThat(created.get(1)).as("the first version is updated when it is created").isEqualTo(created.get(0));
        assertThat(removed.get(0)).isEqualTo(created.get(0));
        assertThat(removed.get(1)).isAfter(created.get(1));
    }

    @Test
    void removingALineThatDoesNotExistLeavesNoTrace() {
        StoredState before = StoredState.of(jdbc);

        http.delete().uri("/log/NOSUCHGAME-1/203925").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.title").isEqualTo("Line not found");

        assertThat(StoredState.of(jdbc)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM game WHERE game_id = 'NOSUCHGAME-1'", Long.class)).isZero();
    }

    private JsonNode post(Map<String, Object> line) {
        return http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(line))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The line's {@code created_at} and {@code updated_at}. */
    private List<OffsetDateTime> stamps(String gameId) {
        return jdbc.queryForObject("SELECT created_at, updated_at FROM stat_line WHERE game_id = ?",
                (row, n) -> List.of(row.getObject(1, OffsetDateTime.class), row.getObject(2, OffsetDateTime.class)), gameId);
    }

    /** The events of one game once the relay has published every one the database holds for it. */
    private List<Received> eventsOf(String gameId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM stat_line_outbox WHERE payload LIKE ?", Long.class, "%\"" + gameId + "\"%") == 0);
        return topic.read(event -> event.gameId().equals(gameId));
    }
}
