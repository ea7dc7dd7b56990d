package courtside.stats.line;

import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import courtside.stats.StoredState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static courtside.stats.RealLines.giannis;
import static courtside.stats.RealLines.joeHarris;
import static courtside.stats.RealLines.lebron;
import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input gets the right 4xx problem response, names what is wrong, and changes nothing:
 * no line and no event.
 */
@StatsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTests {

    private static final String GAME = "BAD-0022100001";
    /** A game with BKN and MIL already stored, for the conflicts. */
    private static final String STORED_GAME = "BADCONFLICT-0022100001";

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    /** One bad request: its body, the status it must get, and the field (and batch index) it must name. */
    record Case(String name, String contentType, String body, HttpStatus status, String field, Integer index) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void storeAGameWithTwoTeams() {
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON)
                .body(SampleSeason.json(List.of(joeHarris(STORED_GAME), giannis(STORED_GAME))))
                .exchange().expectStatus().isCreated();
    }

    static Stream<Case> badRequests() {
        Map<String, Object> line = joeHarris(GAME);
        String tomorrowPlusOne = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        List<Case> cases = new ArrayList<>(List.of(
                raw("malformed JSON", "{\"game_id\": ", null),
                raw("empty body", "", null),
                raw("a number instead of a line", "42", null),
                raw("an empty batch", "[]", null),
                raw("two objects in one body", json(line) + json(line), null),
                raw("the same key twice", json(line).replace("\"points\":9", "\"points\":9,\"points\":19"), null),
                raw("a batch element that is not an object", "[1]", null),
                bad("points as a string", with(line, "points", "9"), "points"),
                bad("points as a fraction", with(line, "points", 9.5), "points"),
                bad("player_id as text", with(line, "player_id", "harris"), "player_id"),
                bad("game_id as a number (its leading zeros would be lost)", with(line, "game_id", 22100001), "game_id"),
                bad("player_name as a number", with(line, "player_name", 12.5), "player_name"),
                bad("game_date as an array", with(line, "game_date", List.of(2019, 10, 22)), "game_date"),
                bad("player_name with a control character", with(line, "player_name", "Joe\u0000Harris"), "player_name"),
                bad("made shots so large the points identity would overflow", with(line, "fgm", Integer.MAX_VALUE,
                        "fga", Integer.MAX_VALUE, "fg3m", 0, "fg3a", 0, "ftm", 2, "fta", 2, "points", 2), "points"),
                bad("missing game_id", with(line, "game_id", null), "game_id"),
                bad("missing game_date", with(line, "game_date", null), "game_date"),
                bad("missing player_id", with(line, "player_id", null), "player_id"),
                bad("missing team_id", with(line, "team_id", null), "team_id"),
                bad("missing points", with(line, "points", null), "points"),
                bad("missing minutes_played", with(line, "minutes_played", null), "minutes_played"),
                bad("negative rebounds", with(line, "rebounds", -1, "dreb", -1, "oreb", 0), "rebounds"),
                bad("negative assists", with(line, "assists", -2), "assists"),
                bad("7 fouls", with(line, "fouls", 7), "fouls"),
                bad("minutes over 48 in regulation", with(line, "minutes_played", 48.5), "minutes_played"),
                bad("minutes over 53 with one overtime", with(line, "minutes_played", 53.5, "overtime_periods", 1), "minutes_played"),
                bad("11 overtime periods", with(line, "overtime_periods", 11), "overtime_periods"),
                bad("minutes with 4 decimals", with(line, "minutes_played", 30.7671), "minutes_played"),
                bad("negative minutes", with(line, "minutes_played", -1), "minutes_played"),
                bad("fgm over fga", with(line, "fgm", 10, "points", 23), "fgm"),
                bad("fg3m over fgm", with(line, "fgm", 3, "fg3m", 4, "fg3a", 5, "points", 10), "fg3m"),
                bad("ftm over fta", with(line, "ftm", 1, "points", 10), "ftm"),
                bad("points not matching the shooting block", with(line, "points", 10), "points"),
                bad("rebounds not oreb + dreb", with(line, "rebounds", 3), "rebounds"),
                bad("half a shooting block", with(line, "fg3m", null, "fg3a", null, "ftm", null, "fta", null), "fgm"),
                bad("unknown field (a typo)", with(line, "pts", 9), "pts"),
                bad("season in the wrong form", with(line, "season", "2021/22"), "season"),
                bad("season not consecutive years", with(line, "season", "2021-23"), "season"),
                bad("season not matching game_date", with(line, "season", "2022-23"), "season"),
                bad("game_date after tomorrow", with(line, "game_date", tomorrowPlusOne), "game_date"),
                bad("game_date not a date", with(line, "game_date", "2021-13-45"), "game_date"),
                bad("unknown season_type", with(line, "season_type", "preseason"), "season_type"),
                bad("game_id too long", with(line, "game_id", "0".repeat(33)), "game_id"),
                bad("game_id with a space", with(line, "game_id", "00221 00001"), "game_id"),
                bad("team_abbreviation in lower case", with(line, "team_abbreviation", "bkn"), "team_abbreviation"),
                bad("player_id zero", with(line, "player_id", 0), "player_id"),
                bad("team_id negative", with(line, "team_id", -1610612751L), "team_id"),
                bad("player_name over 100 characters", with(line, "player_name", "J".repeat(101)), "player_name"),
                batch("one bad line in a batch is named by its index",
                        List.of(lebron(GAME), giannis(GAME), with(joeHarris(GAME), "fouls", 7)), "fouls", 2),
                batch("the same player twice in one batch",
                        List.of(joeHarris(GAME), with(joeHarris(GAME), "plus_minus", 3)), "player_id", 1),
                new Case("not JSON at all", MediaType.TEXT_PLAIN_VALUE, "points=9", HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, null),
                new Case("a batch over 1,000 lines", MediaType.APPLICATION_JSON_VALUE,
                        SampleSeason.json(IntStream.range(0, 1001).mapToObj(i -> with(line, "game_id", "BAD-" + i)).toList()),
                        HttpStatus.CONTENT_TOO_LARGE, null, null),
                new Case("a body over 4 MB", MediaType.APPLICATION_JSON_VALUE,
                        json(with(line, "player_name", "x".repeat(5 * 1024 * 1024))), HttpStatus.CONTENT_TOO_LARGE, null, null),
                conflict("a third team in a game", lebron(STORED_GAME), "team_id"),
                conflict("a second date for a game", with(giannis(STORED_GAME), "player_id", 201572, "game_date", "2021-10-20"), "game_date"),
                conflict("a second season type for a game", with(giannis(STORED_GAME), "player_id", 201572, "season_type", "playoffs"), "season_type"),
                conflict("a correction that moves a line to another team",
                        with(joeHarris(STORED_GAME), "team_id", 1610612749L, "team_abbreviation", "MIL"), "team_id")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithAProblemThatNamesTheFieldAndChangesNothing(Case bad) {
        StoredState before = StoredState.of(jdbc);

        JsonNode problem = http.post().uri("/log").contentType(MediaType.parseMediaType(bad.contentType())).body(bad.body())
                .exchange()
                .expectStatus().isEqualTo(bad.status())
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(problem.get("status").asInt()).isEqualTo(bad.status().value());
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.toString()).doesNotContainIgnoringCase("exception").doesNotContain("\tat ")
                .doesNotContainIgnoringCase("select ").doesNotContainIgnoringCase("insert ");
        if (bad.field() != null) {
            assertThat(problem.get("errors")).as("errors of " + problem).isNotNull();
            List<String> fields = new ArrayList<>();
            problem.get("errors").forEach(error -> {
                if (bad.index() == null || (error.has("index") && error.get("index").asInt() == bad.index())) {
                    fields.add(error.path("field").asString());
                }
            });
            assertThat(fields).as("fields named in " + problem).contains(bad.field());
        }
        assertThat(StoredState.of(jdbc)).as("stored lines and events").isEqualTo(before);
    }

    @Test
    void aChunkedBodyOverTheCapIsRefusedWhileItIsRead(@LocalServerPort int port) throws Exception {
        StoredState before = StoredState.of(jdbc);
        byte[] body = json(with(joeHarris(GAME), "player_name", "x".repeat(5 * 1024 * 1024))).getBytes(StandardCharsets.UTF_8);
        // A stream of unknown length goes out chunked, with no Content-Length to refuse up front.
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/log"))
                .header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(post, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        }
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

    private static Case raw(String name, String body, String field) {
        return new Case(name, MediaType.APPLICATION_JSON_VALUE, body, HttpStatus.BAD_REQUEST, field, null);
    }

    private static Case bad(String name, Map<String, Object> line, String field) {
        return new Case(name, MediaType.APPLICATION_JSON_VALUE, json(line), HttpStatus.BAD_REQUEST, field, null);
    }

    private static Case batch(String name, List<Map<String, Object>> lines, String field, int index) {
        return new Case(name, MediaType.APPLICATION_JSON_VALUE, SampleSeason.json(lines), HttpStatus.BAD_REQUEST, field, index);
    }

    private static Case conflict(String name, Map<String, Object> line, String field) {
        // In a batch behind a valid line, so the test also shows the valid line is not stored.
        return new Case(name, MediaType.APPLICATION_JSON_VALUE,
                SampleSeason.json(List.of(with(lebron(GAME + "-OK"), "player_id", 2544), line)), HttpStatus.CONFLICT, field, 1);
    }

    private static String json(Map<String, Object> line) {
        return SampleSeason.json(line);
    }

}
