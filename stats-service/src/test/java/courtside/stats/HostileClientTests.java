package courtside.stats;

import courtside.stats.line.IngestConcurrency;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static courtside.stats.RealLines.joeHarris;
import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * stats-service as a hostile client sees it: malformed, oversized, deceptive and concurrent requests against the
 * real server (PostgreSQL and Kafka of the embedded stack). After every attack the service is alive, nothing stored
 * changed (no line, no event), the answer is an RFC 9457 problem and never a 500, and nothing was logged at ERROR.
 * Each attack prints {@code ATTACK <name> -> <status>} so that a run documents the answers.
 */
@StatsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientTests {

    private static final String GAME = "HOSTILE-0022100001";
    private static final JsonMapper JSON = courtside.model.CourtsideJson.mapper();
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    @Value("${local.server.port}")
    int port;

    /** Liveness is on the management port once it has its own, else on the service port. */
    @Value("${local.management.port:${local.server.port}}")
    int managementPort;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void watchTheLog() {
        logged.list.clear();
        logged.start();
        root().addAppender(logged);
    }

    @AfterEach
    void stopWatching() {
        root().detachAppender(logged);
        logged.stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** One attack: a request, and the status it must get now. */
    record Attack(String name, String method, String path, String contentType, byte[] body, Map<String, String> headers,
                  int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Attack> attacks() {
        Map<String, Object> line = joeHarris(GAME);
        List<Attack> attacks = new ArrayList<>(List.of(
                // The attacks of issue 15.
                post("points 2147483647 (issue 15 item 1)", with(line, "points", Integer.MAX_VALUE, "fgm", null, "fga", null, "fg3m", null,
                        "fg3a", null, "ftm", null, "fta", null, "oreb", null, "dreb", null), 400),
                post("rebounds 81, above the record 55 with headroom", with(line, "rebounds", 81, "oreb", 40, "dreb", 41), 400),
                post("blocks 26, above Elmore Smith's 17 with headroom", with(line, "blocks", 26), 400),
                post("fg3m 31, above Klay's 14 with headroom", with(line, "fg3m", 31, "fg3a", 31, "fgm", 31, "fga", 31, "points", 93), 400),
                post("plus_minus -2147483648", with(line, "plus_minus", Integer.MIN_VALUE), 400),
                post("a lone UTF-16 surrogate in player_name", raw(json(line).replace("Joe Harris", "Joe \\uD800Harris")), 400),
                post("a bidi override in player_name", with(line, "player_name", "\u202EsirraH eoJ"), 400),
                post("a zero-width space in player_name", with(line, "player_name", "Joe\u200B Harris"), 400),
                post("a byte order mark inside player_name", with(line, "player_name", "Joe\uFEFFHarris"), 400),
                post("a pipe, the Redis separator, in player_name", with(line, "player_name", "Joe|Harris"), 400),
                post("game_date 0001-01-01", with(line, "game_date", "0001-01-01", "season", null), 400),
                post("game_date the day before the first NBA game", with(line, "game_date", "1946-10-31", "season", null), 400),
                get("page=2147483647 on a player's lines", "/player/203925/stats?page=2147483647", 400),
                get("page=2147483647 on a team's lines", "/team/1610612751/stats?page=2147483647", 400),
                get("page=1000000000&size=500", "/player/203925/stats?page=1000000000&size=500", 400),
                get("size=2147483647", "/player/203925/stats?size=2147483647", 400),
                get("last=2147483647", "/team/1610612751/stats?last=2147483647", 400),
                get("page beyond a long", "/player/203925/stats?page=99999999999999999999", 400),
                new Attack("a CORS preflight to /log", "OPTIONS", "/log", null, null,
                        Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST",
                                "Access-Control-Request-Headers", "content-type,x-api-key"), 403),
                new Attack("a cross-origin POST to /log", "POST", "/log", "application/json", json(line).getBytes(StandardCharsets.UTF_8),
                        Map.of("Origin", "https://evil.example"), 403),
                // Bodies: content types and encodings.
                post("Content-Type text/plain", "text/plain", json(line), 415),
                post("Content-Type application/xml", "application/xml", "<line><points>9</points></line>", 415),
                post("no Content-Type", null, json(line), 415),
                post("form-encoded body", "application/x-www-form-urlencoded", "points=9&game_id=X", 415),
                post("invalid UTF-8 in a name", bytes(json(line).replace("Joe Harris", "Joe @Harris"), (byte) 0xC3, (byte) 0x28), 400),
                post("an overlong UTF-8 encoding of '/'", bytes(json(line).replace("Joe Harris", "Joe @Harris"), (byte) 0xC0, (byte) 0xAF), 400),
                post("a byte order mark before an empty line object", raw("\uFEFF{}"), 400),
                post("UTF-16 encoded body of an empty object", "application/json", "{}".getBytes(StandardCharsets.UTF_16), 400),
                // Bodies: JSON that is not quite JSON.
                post("duplicate keys", raw(json(line).replaceFirst("\\{", "{\"points\":99,")), 400),
                post("NaN as minutes_played", raw(json(line).replace("30.767", "NaN")), 400),
                post("Infinity as points", raw(json(line).replace("\"points\":9", "\"points\":Infinity")), 400),
                post("a comment in the body", raw("/* hi */" + json(line)), 400),
                post("single-quoted strings", raw(json(line).replace('"', '\'')), 400),
                post("unquoted field names", raw(json(line).replace("\"points\"", "points")), 400),
                post("trailing garbage after the line", raw(json(line) + "xyz"), 400),
                post("two documents in one body", raw(json(line) + " " + json(line)), 400),
                post("truncated body", raw("[{\"game_id\":"), 400),
                post("empty body", raw(""), 400),
                post("only whitespace", raw("   \n\t "), 400),
                post("top-level string", raw("\"hello\""), 400),
                post("top-level null", raw("null"), 400),
                post("top-level number", raw("42"), 400),
                post("an empty batch", raw("[]"), 400),
                post("a null element in a batch", raw("[null]"), 400),
                post("numbers as batch elements", raw("[1,2,3]"), 400),
                post("a batch of empty objects", raw("[{},{},{}]"), 400),
                // Bodies: numbers.
                post("points as a string", raw(json(line).replace("\"points\":9", "\"points\":\"9\"")), 400),
                post("points in exponent form 1e1", raw(json(line).replace("\"points\":9", "\"points\":1e1")), 400),
                post("points 9.0", raw(json(line).replace("\"points\":9", "\"points\":9.0")), 400),
                post("points -0 on a line that is otherwise wrong", raw(json(with(line, "fouls", 7)).replace("\"points\":9", "\"points\":-0")), 400),
                post("player_id negative zero", raw(json(line).replace("\"player_id\":203925", "\"player_id\":-0")), 400),
                post("a gigantic player_id", raw(json(line).replace("\"player_id\":203925", "\"player_id\":" + "9".repeat(40))), 400),
                post("a 5,000-digit points", raw(json(line).replace("\"points\":9", "\"points\":" + "9".repeat(5000))), 413),
                post("minutes_played 1E+400", raw(json(line).replace("30.767", "1E+400")), 400),
                post("minutes_played 1E-400", raw(json(line).replace("30.767", "1E-400")), 400),
                post("minutes_played with 4 decimals", raw(json(line).replace("30.767", "30.7671")), 400),
                post("Arabic-Indic digits as a game id", with(line, "game_id", "٠٠٢٢"), 400),
                // Bodies: shapes and sizes.
                post("points nested 10,000 arrays deep", raw(json(line).replace("\"points\":9", "\"points\":" + "[".repeat(10_000) + "]".repeat(10_000))), 413),
                post("a body nested 100,000 arrays deep", raw("[".repeat(100_000) + "]".repeat(100_000)), 413),
                post("an unknown field with a 10,000-character name", raw(json(line).replaceFirst("\\{", "{\"" + "x".repeat(10_000) + "\":1,")), 413),
                post("a player_name of 2,000 characters", with(line, "player_name", "J".repeat(2_000)), 400),
                post("a line with 5,000 unknown fields", raw(json(line).replaceFirst("\\{", "{" + IntStream.range(0, 5_000)
                        .mapToObj(i -> "\"f" + i + "\":1,").collect(Collectors.joining()))), 400),
                post("points as an array of 200,000 numbers", raw(json(line).replace("\"points\":9", "\"points\":["
                        + IntStream.range(0, 200_000).mapToObj(Integer::toString).collect(Collectors.joining(",")) + "]")), 413),
                post("1,001 empty objects", raw("[" + String.join(",", java.util.Collections.nCopies(1001, "{}")) + "]"), 413),
                post("a body of 3 MB of empty objects", raw(emptyObjects(3 * 1024 * 1024)), 413),
                // Methods, paths and query parameters.
                new Attack("PUT /log", "PUT", "/log", "application/json", json(line).getBytes(StandardCharsets.UTF_8), Map.of(), 405),
                new Attack("DELETE a line with a 33-character game id", "DELETE", "/log/" + "A".repeat(33) + "/1", null, null, Map.of(), 400),
                new Attack("DELETE a line of player 0", "DELETE", "/log/" + GAME + "/0", null, null, Map.of(), 400),
                new Attack("DELETE a line of a gigantic player id", "DELETE", "/log/" + GAME + "/" + "9".repeat(30), null, null, Map.of(), 400),
                new Attack("DELETE with a NUL in the game id", "DELETE", "/log/A%00B/1", null, null, Map.of(), 400),
                get("a player id that is not a number", "/player/abc/stats", 400),
                get("a negative player id", "/player/-5/stats", 400),
                get("a season that is not YYYY-YY", "/player/203925/stats?season=2021-2022", 400),
                get("a season type that is not one", "/player/203925/stats?season_type=preseason", 400),
                get("a season type in capitals", "/player/203925/stats?season_type=PLAYOFFS", 400),
                get("a season type in capitals on an average", "/average/player/203925?season_type=REGULAR", 400),
                get("a NUL in the season", "/player/ids?season=%00", 400),
                get("a query string with an overlong UTF-8 encoding", "/player/ids?season=%C0%AF", 400),
                get("a query string that is not UTF-8", "/player/ids?season=%FF", 400),
                get("a page of size 0", "/player/203925/stats?size=0", 400),
                get("an average of a player id beyond a long", "/average/player/99999999999999999999?season=2021-22", 400)));
        return attacks.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void anAttackGetsAProblemAndChangesNothing(Attack attack) throws Exception {
        StoredState before = StoredState.of(jdbc);

        HttpResponse<String> answer = send(attack);

        System.out.println("ATTACK " + attack.name() + " -> " + answer.statusCode());
        assertThat(answer.statusCode()).as("status of %s: %s", attack.name(), answer.body()).isEqualTo(attack.expected());
        assertAProblem(answer);
        assertStillServingAndUnchanged(before);
    }

    @Test
    void reposingALineWithAnAccentedNameIsNoChange() throws Exception {
        // The same name once precomposed and once with a combining accent: one identity, stored in NFC.
        Map<String, Object> line = with(joeHarris(GAME + "-NFC"), "player_name", "Nikola Joki\u0107");
        assertThat(send(post("first", line, 201)).statusCode()).isEqualTo(201);
        StoredState before = StoredState.of(jdbc);

        HttpResponse<String> again = send(post("again", with(line, "player_name", "Nikola Jokic\u0301"), 201));

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(again.body()).get("outcome").asString()).isEqualTo("unchanged");
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT player_name FROM stat_line WHERE game_id = ?", String.class, GAME + "-NFC"))
                .isEqualTo("Nikola Joki\u0107");
    }

    @Test
    void aFloodOfHugeBodiesIsAnsweredInBoundedTimeAndTheServiceLives() throws Exception {
        StoredState before = StoredState.of(jdbc);
        List<Attack> flood = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            flood.add(post("empty objects near the cap " + i, raw(emptyObjects(1_900_000)), 413));
            flood.add(post("empty objects over the old 4 MB cap " + i, raw(emptyObjects(4 * 1024 * 1024 - 16)), 413));
            flood.add(post("deep nesting near the cap " + i, raw("[".repeat(900_000) + "]".repeat(900_000)), 413));
            flood.add(post("a long string near the cap " + i, raw("[{\"player_name\":\"" + "x".repeat(1_900_000) + "\"}]"), 413));
        }
        long started = System.nanoTime();

        List<HttpResponse<String>> answers = allAtOnce(flood);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("ATTACK flood of " + flood.size() + " huge bodies -> " + answers.stream()
                .map(HttpResponse::statusCode).collect(Collectors.groupingBy(s -> s, Collectors.counting())) + " in " + took.toMillis() + " ms");
        assertThat(took).isLessThan(ANSWER_WITHIN);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isIn(413, 503);
            assertAProblem(answer);
        });
        assertStillServingAndUnchanged(before);
    }

    @Test
    void aFullBulkheadAnswers503WithRetryAfter(@Autowired IngestConcurrency concurrency) throws Exception {
        int maxConcurrent = concurrency.maxConcurrent();
        StoredState before = StoredState.of(jdbc);
        // Clients that announce a body and send only its first byte hold every ingest permit while they "send".
        List<Socket> slowClients = new ArrayList<>();
        try {
            for (int i = 0; i < maxConcurrent; i++) {
                Socket socket = new Socket("localhost", port);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /log HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slowClients.add(socket);
            }
            HttpResponse<String> answer = awaitStatus(post("one more writer", raw("{}"), 503), 503);

            System.out.println("ATTACK a write while the ingest bulkhead is full -> " + answer.statusCode());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertAProblem(answer);
        } finally {
            for (Socket socket : slowClients) {
                socket.close();
            }
        }
        assertStillServingAndUnchanged(before);
    }

    /** Posts until the answer has the status (the slow clients' requests may take a moment to reach the bulkhead). */
    private HttpResponse<String> awaitStatus(Attack attack, int status) throws Exception {
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        HttpResponse<String> answer;
        do {
            answer = send(attack);
            if (answer.statusCode() == status) {
                return answer;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return answer;
    }

    private void assertAProblem(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as("never a 500").isNotEqualTo(500).isBetween(400, 599);
        assertThat(answer.headers().firstValue("Content-Type")).as("content type of " + answer.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(answer.statusCode());
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(answer.body()).doesNotContain("\tat ").doesNotContainIgnoringCase("exception");
    }

    private void assertStillServingAndUnchanged(StoredState before) throws Exception {
        HttpResponse<String> liveness = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + managementPort + "/actuator/health/liveness")).timeout(ANSWER_WITHIN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(liveness.statusCode()).as("liveness").isEqualTo(200);
        assertThat(StoredState.of(jdbc)).as("stored lines and events").isEqualTo(before);
        List<String> errors = logged.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(errors).as("logged at ERROR").isEmpty();
    }

    private HttpResponse<String> send(Attack attack) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + attack.path()))
                .timeout(ANSWER_WITHIN)
                .method(attack.method(), attack.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(attack.body()));
        if (attack.contentType() != null) {
            request.header("Content-Type", attack.contentType());
        }
        attack.headers().forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<HttpResponse<String>> allAtOnce(List<Attack> attacks) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (Attack attack : attacks) {
                sent.add(clients.submit((Callable<HttpResponse<String>>) () -> send(attack)));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : sent) {
                answers.add(answer.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS));
            }
            return answers;
        }
    }

    private static Attack post(String name, Map<String, Object> line, int expected) {
        return post(name, "application/json", json(line), expected);
    }

    private static Attack post(String name, byte[] body, int expected) {
        return post(name, "application/json", body, expected);
    }

    private static Attack post(String name, String contentType, String body, int expected) {
        return post(name, contentType, body.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static Attack post(String name, String contentType, byte[] body, int expected) {
        return new Attack(name, "POST", "/log", contentType, body, Map.of(), expected);
    }

    private static Attack get(String name, String path, int expected) {
        return new Attack(name, "GET", path, null, null, Map.of(), expected);
    }

    private static byte[] raw(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The UTF-8 of {@code text} with the raw bytes put where {@code @} is. */
    private static byte[] bytes(String text, byte... raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = text.indexOf('@');
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(text.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** {@code [{},{},...]} of about this many bytes. */
    private static String emptyObjects(int size) {
        int count = Math.max(1, (size - 2) / 3);
        return "[" + String.join(",", java.util.Collections.nCopies(count, "{}")) + "]";
    }

    private static String json(Map<String, Object> line) {
        return SampleSeason.json(line);
    }
}
