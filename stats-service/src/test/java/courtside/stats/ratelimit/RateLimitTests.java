package courtside.stats.ratelimit;

import courtside.stats.SampleSeason;
import courtside.stats.SlowClient;
import courtside.stats.StatsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static courtside.stats.RealLines.joeHarris;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * stats-service's per-client budgets as remote clients meet them (each played through {@code X-Forwarded-For},
 * which the test context trusts from loopback only): a client that keeps sending wrong API keys, one that floods
 * writes, one that floods SQL reads; and a slowloris, dropped by Tomcat's connection timeout.
 */
@StatsServiceTest
// The same properties as ApiKeyTests, so that both share one context.
@TestPropertySource(properties = "STATS_API_KEY=scorers-table-key, scorers-table-key-2027")
class RateLimitTests {

    private static final String KEY = "scorers-table-key";
    private static final String LINE = SampleSeason.json(joeHarris("RATE-0022100001"));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aClientThatKeepsSendingWrongKeysGets429WithRetryAfterAndOthersStillWrite() {
        String guesser = "198.51.100.30";
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> answer = post(guesser, "guess-" + i);
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 429) {
                limited = answer;
            }
        }
        assertThat(statuses).as("100 wrong keys in a row").containsOnlyKeys(401, 429);
        assertThat(statuses.get(401)).isLessThanOrEqualTo(15);
        assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        // Locked out of writes for now, unless a write carries the right key; reads and other clients are not.
        assertThat(post(guesser, "guess-100").statusCode()).isEqualTo(429);
        assertThat(post(guesser, KEY).statusCode()).isEqualTo(201);
        assertThat(get(guesser, "/livez").statusCode()).isEqualTo(200);
        assertThat(post("198.51.100.31", KEY).statusCode()).isEqualTo(201);
    }

    @Test
    void wrongKeysFromASharedAddressDoNotLockOutTheScorerWhoHasTheRightKey() {
        // Behind a NAT, compose's gateway or a proxy not listed in trusted-proxies, a guesser and the scorer's table
        // share one address: the guesser spends its failed-authentication budget.
        String sharedAddress = "198.51.100.37";
        int guesses = 0;
        HttpResponse<String> refused;
        do {
            refused = post(sharedAddress, "guess-" + guesses++);
        } while (refused.statusCode() == 401 && guesses < 100);
        assertThat(refused.statusCode()).as("after %d wrong keys", guesses).isEqualTo(429);

        assertThat(post(sharedAddress, KEY).statusCode()).as("the scorer's right key").isEqualTo(201);
        HttpResponse<String> wrong = post(sharedAddress, "guess-" + guesses);
        assertThat(wrong.statusCode()).as("another wrong key").isEqualTo(429);
        assertThat(wrong.headers().firstValue("Retry-After")).isPresent();
        assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/log"))
                .header("X-Forwarded-For", sharedAddress).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LINE)).build()).statusCode()).as("no key").isEqualTo(429);
        // Refused before its body is read: a body that never comes does not delay the answer.
        try (SlowClient unfinished = SlowClient.open(port, "POST /log HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: "
                + sharedAddress + "\r\nX-API-Key: guess-unfinished\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n[")) {
            SlowClient.Outcome outcome = unfinished.await(Duration.ofSeconds(4));
            assertThat(outcome.status()).as("answer %s", outcome).isEqualTo(429);
            assertThat(outcome.after()).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aClientThatFloodsWritesOrSqlReadsGets429() {
        // Until the first 429: the budget refills while the flood runs, so how many pass depends on the machine's pace;
        // at least the burst of 300 does, and a flood of 3,000 in a row never all does.
        List<Integer> writes = new ArrayList<>();
        while (writes.size() < 3_000 && !writes.contains(429)) {
            writes.add(post("198.51.100.32", KEY).statusCode());
        }
        assertThat(writes).contains(201, 429).containsOnly(201, 429);
        assertThat(writes.stream().filter(status -> status == 201).count()).isGreaterThanOrEqualTo(300);
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            reads.add(get("198.51.100.33", "/average/player/203925?season=2019-20").statusCode());
        }
        assertThat(reads).contains(429).isSubsetOf(200, 404, 429);
        assertThat(get("198.51.100.34", "/average/player/203925?season=2019-20").statusCode()).isIn(200, 404);
    }

    @Test
    void aCorsPreflightToLogIsAnsweredCleanlyAndSpendsNoAuthenticationBudget() {
        String browser = "198.51.100.36";
        for (int i = 0; i < 15; i++) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/log"))
                    .header("X-Forwarded-For", browser).header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "x-api-key")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(answer.statusCode()).as("preflight %d", i).isIn(200, 403);
            // No origin is allowed: scorekeeping clients are not browsers on other sites.
            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        assertThat(post(browser, KEY).statusCode()).isEqualTo(201);
    }

    @Test
    void aSlowlorisThatSendsAHeaderLineEvery15SecondsIsDropped() {
        try (SlowClient slowloris = SlowClient.open(port, "POST /log HTTP/1.1\r\nHost: localhost\r\n")) {
            SlowClient.Outcome outcome = slowloris.dribble(line -> "X-Slow-" + line + ": 1\r\n", 3, Duration.ofSeconds(15));

            assertThat(outcome.endedByServer()).as("dropped the slow client (%s)", outcome).isTrue();
            assertThat(outcome.after()).isLessThan(Duration.ofSeconds(15));
        }
    }

    private HttpResponse<String> post(String client, String key) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/log")).header("X-Forwarded-For", client)
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LINE)).build());
    }

    private HttpResponse<String> get(String client, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("X-Forwarded-For", client)
                .GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
