package courtside.aggregation;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import courtside.stats.SlowClient;
import courtside.stats.StoredState;

import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * aggregation-service as a hostile client sees it, over real sockets against the real service: absurd query
 * parameters, paths and headers, floods from one client and from many, a slowloris, a cross-origin preflight.
 * After each attack the service is still alive (liveness 200), the answer is a problem (never a 500) and, at the
 * end, the whole cache still equals SQL.
 * <p>
 * The test context trusts {@code X-Forwarded-For} from loopback and leaves loopback itself unlimited (see
 * {@link AggregationServiceTest}), so each attack here names the remote client it plays with that header and
 * meets the budgets a real remote client meets.
 */
@AggregationServiceTest
class HostileClientTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long SCORER = 990_001;

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    Pipeline pipeline;
    @Autowired
    RestTestClient client;

    final JdbcTemplate sql = RunningStatsService.shared().jdbc();

    @Test
    void aDistributionHoldsOnlyTheBucketsThatHaveGamesHoweverFarApartTheirValues() {
        // Two games of one player, 0 and 81 points (Kobe's 81): a dense histogram answered 82 buckets, and with
        // 0 and 2147483647 points it ran the JVM out of memory.
        List<Map<String, Object>> season = SyntheticSeason.starting(2001).linesOfFirstGames(2);
        Map<String, Object> first = season.getFirst();
        Map<String, Object> second = season.stream().filter(l -> !l.get("game_id").equals(first.get("game_id")))
                .findFirst().orElseThrow();
        // One team for both games: the first two games can share a date, and a player's standing names the team of
        // his latest game, which two teams on one date would leave to the order of a tie.
        pipeline.postBatch(List.of(scorer(first, 0), with(scorer(second, 81), "team_id", first.get("team_id"),
                "team_abbreviation", first.get("team_abbreviation"))));
        pipeline.awaitQuiet();

        Answer one = get("/distribution/player/%d?season=2001-02&bucket=1".formatted(SCORER), "198.51.100.1");
        assertThat(one.status()).isEqualTo(200);
        JsonNode buckets = JSON.readTree(one.body()).get("buckets");
        assertThat(buckets.size()).isEqualTo(2);
        assertThat(buckets.findValues("value").stream().map(JsonNode::longValue)).containsExactly(0L, 81L);
        assertThat(buckets.findValues("games").stream().map(JsonNode::longValue)).containsExactly(1L, 1L);
        new ReadModelsCheck(client, sql).assertDistribution(SCORER, "2001-02", "regular", "points");
    }

    /** A line of the synthetic scorer, without the shooting block (so any points are consistent). */
    private static Map<String, Object> scorer(Map<String, Object> line, int points) {
        return with(line, "player_id", SCORER, "player_name", "Synthetic Scorer", "points", points,
                "fgm", null, "fga", null, "fg3m", null, "fg3a", null, "ftm", null, "fta", null, "oreb", null, "dreb", null);
    }

    /** One attack: a raw request and the statuses it may get. */
    record Attack(String name, String request, Set<Integer> statuses, boolean problem) {

        static Attack get(String name, String target, int... statuses) {
            return new Attack(name, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n", set(statuses), true);
        }

        /** Rejected by Tomcat before the application sees it: a status, not always a problem body. */
        static Attack raw(String name, String requestHead, int... statuses) {
            return new Attack(name, requestHead, set(statuses), false);
        }

        static Set<Integer> set(int... statuses) {
            return java.util.Arrays.stream(statuses).boxed().collect(java.util.stream.Collectors.toSet());
        }
    }

    static List<Attack> attacks() {
        String longText = "a".repeat(5000);
        return List.of(
                Attack.get("distribution bucket of Integer.MAX_VALUE", "/distribution/player/203999?bucket=2147483647", 400),
                Attack.get("distribution bucket beyond int", "/distribution/player/203999?bucket=99999999999999999999", 400),
                Attack.get("negative bucket", "/distribution/player/203999?bucket=-2", 400),
                Attack.get("bucket that is not a number", "/distribution/player/203999?bucket=ten", 400),
                Attack.get("bucket given twice", "/distribution/player/203999?bucket=1&bucket=2", 200, 400, 404),
                Attack.get("stat with markup", "/distribution/player/203999?stat=%3Cscript%3E", 400),
                Attack.get("player id zero", "/distribution/player/0", 400),
                Attack.get("negative player id", "/games/player/-1", 400),
                Attack.get("player id beyond long", "/average/player/99999999999999999999999", 400),
                Attack.get("unknown player", "/games/player/9223372036854775807", 404),
                Attack.get("season with a path", "/average/player/203999?season=..%2F..%2Fetc", 400),
                Attack.get("season of 5,000 characters", "/leaders?season=" + longText, 400),
                Attack.get("season type in capitals", "/leaders?season_type=PLAYOFFS", 400, 404),
                Attack.get("season type in capitals on a cached average", "/average/player/203999?season_type=REGULAR", 400),
                Attack.get("per mode in capitals", "/average/team/1610612738?per_mode=PER_36", 400),
                Attack.get("empty season type", "/leaders?season_type=", 200, 400),
                Attack.get("leaders limit of Integer.MAX_VALUE", "/leaders?limit=2147483647", 400),
                Attack.get("leaders limit beyond int", "/leaders?limit=2147483648", 400),
                Attack.get("negative leaders limit", "/leaders/teams?limit=-5", 400),
                Attack.get("min_games beyond long", "/leaders?min_games=99999999999999999999", 400),
                Attack.get("min_games of Long.MAX_VALUE", "/leaders?min_games=9223372036854775807", 200, 404),
                Attack.get("negative min_attempts", "/leaders?stat=fg_pct&min_attempts=-1", 400),
                Attack.get("min_attempts of Long.MAX_VALUE", "/leaders?stat=fg_pct&min_attempts=9223372036854775807", 200, 404),
                Attack.get("three spaces as a search", "/search?q=%20%20%20", 400),
                Attack.get("one letter and spaces as a search", "/search?q=%20a%20%20", 400),
                Attack.get("search of 5,000 characters", "/search?q=" + longText, 400),
                Attack.get("search limit beyond int", "/search?q=jo&limit=2147483648", 400),
                Attack.get("search for range syntax", "/search?q=%5B%28%5Cx", 200),
                Attack.get("search that is not UTF-8", "/search?q=ab%FF", 400),
                Attack.get("search for the index separator", "/search?q=jo%00player", 400),
                Attack.get("search with a control character", "/search?q=ab%01cd", 400),
                Attack.get("search without q", "/search", 400),
                Attack.get("page-like number on a game log", "/games/team/1610612743?page=2147483647", 200, 404),
                Attack.get("unknown path", "/etc/passwd", 404),
                Attack.raw("encoded traversal", "GET /games/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: localhost\r\n", 400, 404),
                Attack.get("matrix parameter", "/average/player/203999;jsessionid=abc", 200, 400, 404),
                Attack.get("team id zero", "/average/team/0", 400),
                new Attack("XML accepted only", "GET /average/player/203999 HTTP/1.1\r\nHost: localhost\r\nAccept: application/xml\r\n",
                        Attack.set(406), false),
                new Attack("DELETE of an average", "DELETE /average/player/203999 HTTP/1.1\r\nHost: localhost\r\n",
                        Attack.set(405), true),
                new Attack("POST to search", "POST /search?q=jokic HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n",
                        Attack.set(405), true),
                new Attack("TRACE", "TRACE / HTTP/1.1\r\nHost: localhost\r\n", Attack.set(405), false),
                Attack.raw("header of 64 KB", "GET /leaders HTTP/1.1\r\nHost: localhost\r\nX-Junk: " + "x".repeat(64 * 1024) + "\r\n",
                        400, 431),
                Attack.raw("URL of 64 KB", "GET /leaders?season=" + "x".repeat(64 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n",
                        400, 414),
                Attack.raw("raw control character in the URL", "GET /search?q=a\u0001b HTTP/1.1\r\nHost: localhost\r\n", 400),
                Attack.get("bad percent-encoding", "/search?q=%zz", 400),
                Attack.raw("two Host headers", "GET /leaders HTTP/1.1\r\nHost: a\r\nHost: b\r\n", 400));
    }

    @Test
    void everyAttackOnParametersPathsAndHeadersIsAProblemAndLeavesTheServiceUpAndTheCacheExact() {
        SyntheticSeason season = SyntheticSeason.starting(2002);
        pipeline.post(season.linesOfFirstGames(10), 100);
        pipeline.awaitQuiet();
        List<String> failures = new ArrayList<>();
        int client = 0;
        StoredState stored = StoredState.of(sql);
        for (Attack attack : attacks()) {
            // Each its own client, so that the budgets of one do not decide another's answer.
            Answer answer = send(attack.request() + "X-Forwarded-For: 198.51.100." + (10 + client++) + "\r\n");
            if (!attack.statuses().contains(answer.status())) {
                failures.add("%s: %d %s".formatted(attack.name(), answer.status(), abbreviated(answer.body())));
            } else if (attack.problem() && answer.status() >= 400 && !answer.contentType().startsWith("application/problem+json")) {
                failures.add("%s: %d as %s, not a problem".formatted(attack.name(), answer.status(), answer.contentType()));
            }
            assertThat(liveness()).as("liveness after %s", attack.name()).isEqualTo(200);
            assertThat(StoredState.of(sql)).as("stored lines and events after %s", attack.name()).isEqualTo(stored);
        }
        assertThat(failures).isEmpty();
        pipeline.assertWholeCacheEqualsSql();
    }

    @Test
    void theDashboardAndTheApiCarrySecurityHeaders() {
        for (String path : List.of("/", "/index.html", "/app.js", "/leaders", "/average/player/1", "/nowhere")) {
            Answer answer = get(path, "198.51.100.2");
            assertThat(answer.status()).as(path).isLessThan(500);
            assertThat(answer.header("content-security-policy")).as("CSP of %s", path)
                    .contains("default-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(answer.header("x-content-type-options")).as(path).isEqualTo("nosniff");
            assertThat(answer.header("referrer-policy")).as(path).isEqualTo("no-referrer");
            assertThat(answer.header("x-frame-options")).as(path).isEqualTo("DENY");
        }
    }

    @Test
    void aCrossOriginPreflightGetsACleanAnswer() {
        for (String path : List.of("/average/player/203999", "/search?q=jo", "/leaders", "/nowhere")) {
            Answer answer = send("OPTIONS " + path + " HTTP/1.1\r\nHost: localhost\r\nOrigin: https://evil.example\r\n"
                    + "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: X-Api-Key\r\n"
                    + "X-Forwarded-For: 198.51.100.3\r\n");
            assertThat(answer.status()).as("preflight of %s", path).isIn(200, 403, 404);
            // No origin is allowed: the dashboard is served from the service itself.
            assertThat(answer.header("access-control-allow-origin")).as(path).isNull();
            assertThat(liveness()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatFloodsExpensiveReadsGets429WithRetryAfterWhileOthersAndCachedAveragesDoNot() {
        String flooder = "198.51.100.4";
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        Answer limited = null;
        for (int i = 0; i < 300; i++) {
            Answer answer = get("/search?q=jok", flooder);
            statuses.merge(answer.status(), 1, Integer::sum);
            if (answer.status() == 429) {
                limited = answer;
            }
        }
        System.out.printf("300 searches in a row from one client: %s%n", statuses);
        assertThat(statuses.keySet()).as("statuses of 300 searches in a row: %s", statuses).containsExactlyInAnyOrder(200, 429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("retry-after"))).isBetween(1L, 60L);
        assertThat(JSON.readTree(limited.body()).get("status").intValue()).isEqualTo(429);

        // The budget is the client's, across every expensive path: the flooder's other reads find it spent. It
        // refills evenly (60 per 10 s, one every 167 ms), so on a busy machine a token may come back between two
        // requests: a few may pass, never the 60 of a budget of their own.
        assertThat(passedBeforeRefused("/distribution/player/203999", flooder)).as("distributions of the flooder").isLessThan(10);
        assertThat(passedBeforeRefused("/leaders", flooder)).as("leader tables of the flooder").isLessThan(10);
        assertThat(get("/search?q=jok", "198.51.100.5").status()).as("another client").isEqualTo(200);
        // A cached average is O(1): it has no budget (the bench hammers it at ~10,000 requests a second).
        for (int i = 0; i < 50; i++) {
            assertThat(get("/average/player/203999", flooder).status()).isIn(200, 404);
        }
        assertThat(liveness()).isEqualTo(200);
    }

    /** How many requests in a row pass before the first 429 (at most 100 are sent). */
    private int passedBeforeRefused(String path, String client) {
        for (int passed = 0; passed < 100; passed++) {
            int status = get(path, client).status();
            if (status == 429) {
                return passed;
            }
            assertThat(status).as(path).isIn(200, 404);
        }
        return 100;
    }

    @Test
    void aFloodOfParallelDistributionSearchAndLeaderRequestsEndsInBoundedTimeWithoutA500() throws Exception {
        SyntheticSeason season = SyntheticSeason.starting(2003);
        List<Map<String, Object>> lines = season.linesOfFirstGames(10);
        pipeline.post(lines, 100);
        pipeline.awaitQuiet();
        Object player = lines.getFirst().get("player_id");
        List<String> targets = List.of("/distribution/player/%s?season=2003-04&stat=points&bucket=1".formatted(player),
                "/search?q=jo", "/leaders?season=2003-04&limit=1000", "/leaders/teams?season=2003-04",
                "/games/player/%s?season=2003-04".formatted(player),
                "/distribution/player/%s?season=2003-04&stat=minutes_played".formatted(player));
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String target = targets.get(i % targets.size());
                String client = "198.51.100." + (100 + i % 4);
                done.add(pool.submit(() -> statuses.merge(get(target, client).status(), 1, Integer::sum)));
            }
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("Flood of 600 expensive reads, 4 clients, 32 connections: %s in %d ms%n", statuses, took.toMillis());
        assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 429);
        assertThat(statuses).as("statuses %s", statuses).containsKeys(200, 429);
        assertThat(took).as("600 requests of 4 clients on 32 connections").isLessThan(Duration.ofSeconds(60));
        assertThat(liveness()).isEqualTo(200);
    }

    @Test
    void aSlowlorisThatSendsAHeaderLineEvery15SecondsIsDropped() {
        try (SlowClient slowloris = SlowClient.open(port, "GET /leaders HTTP/1.1\r\nHost: localhost\r\n")) {
            SlowClient.Outcome outcome = slowloris.dribble(line -> "X-Slow-" + line + ": 1\r\n", 3, Duration.ofSeconds(15));

            System.out.printf("Slowloris dropped: %s after %d ms%n", outcome.endedByServer(), outcome.after().toMillis());
            assertThat(outcome.endedByServer()).as("dropped the slow client (%s)", outcome).isTrue();
            assertThat(outcome.after()).isLessThan(Duration.ofSeconds(15));
        }
        assertThat(liveness()).isEqualTo(200);
    }

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    private Answer get(String target, String client) {
        return send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + client + "\r\n");
    }

    private int liveness() {
        int managementPort = environment.getProperty("local.management.port", Integer.class, port);
        return send("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n", managementPort).status();
    }

    private Answer send(String requestHead) {
        return send(requestHead, port);
    }

    /** One request on a connection of its own, closed after the answer, read raw: no client library smooths it. */
    private static Answer send(String requestHead, int port) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
            socket.getOutputStream().write((requestHead + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(raw);
            } catch (SocketException reset) {
                // Tomcat may reset a connection whose request it refused while the request was still coming.
            }
            String text = raw.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new Answer(-1, Map.of(), text);
            }
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.putIfAbsent(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunked(body);
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, new String(body.getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String unchunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    private static String abbreviated(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
