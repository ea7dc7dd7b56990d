package courtside.stats.line;

import courtside.stats.SampleSeason;
import courtside.stats.SlowClient;
import courtside.stats.StatsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static courtside.stats.RealLines.joeHarris;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write's body must arrive whole within {@code courtside.ingest.body-read-timeout}: scorers with a valid key who
 * dribble their bodies a byte at a time (each byte well within Tomcat's per-read timeout) hold an ingest place only
 * until that deadline, then get 408 and nothing is stored, and the places are free for the others again. Scorers who
 * stop sending get the same, sooner: after Tomcat's connection timeout.
 */
@StatsServiceTest
// The properties of RateLimitTests, so that both share one context: writes need a key, as they do in production.
@TestPropertySource(properties = "STATS_API_KEY=scorers-table-key")
class SlowBodyTests {

    private static final String KEY = "scorers-table-key";
    /** The deadline is checked about once a second (Tomcat's async timeout); the rest is a busy machine's leeway. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IngestConcurrency concurrency;

    @Autowired
    IngestSettings ingest;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void writersWhoDribbleTheirBodiesGet408AtTheDeadlineAndTheirPlacesAreFreedForOthers() throws Exception {
        // A real line, then one space a second: valid JSON so far, but the batch never ends.
        String dribbled = "POST /log HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + KEY + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\n\r\n[" + SampleSeason.json(joeHarris("SLOW-0022100001"));
        Duration deadline = deadline();
        long started = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SlowClient.Outcome>> dribblers = new ArrayList<>();
            for (int i = 0; i < concurrency.maxConcurrent(); i++) {
                dribblers.add(clients.submit(() -> {
                    try (SlowClient dribbler = SlowClient.open(port, dribbled)) {
                        return dribbler.dribble(sent -> " ", 30, Duration.ofSeconds(1));
                    }
                }));
            }

            // While they dribble they hold every place (a body is read inside the ingest bulkhead) ...
            assertThat(postUntil(503, deadline.dividedBy(2))).as("a write while they dribble").isEqualTo(503);
            // ... but only until their deadline.
            assertThat(postUntil(201, deadline.plus(SLACK))).as("a write once their deadline has passed").isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(deadline.plus(SLACK));

            for (Future<SlowClient.Outcome> dribbler : dribblers) {
                SlowClient.Outcome outcome = dribbler.get(60, TimeUnit.SECONDS);
                System.out.printf("Dribbled body answered %d after %d ms (deadline %d ms)%n", outcome.status(),
                        outcome.after().toMillis(), deadline.toMillis());
                assertThat(outcome.status()).as("answer to a dribbled body: %s", outcome).isEqualTo(408);
                assertThat(outcome.after()).isBetween(deadline, deadline.plus(SLACK));
                assertThat(outcome.answer()).contains("application/problem+json", "courtside.ingest.body-read-timeout",
                        "nothing was stored");
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stat_line WHERE game_id = 'SLOW-0022100001'", Long.class))
                .as("lines of the dribbled bodies").isZero();
    }

    @Test
    void writersWhoStopSendingTheirBodiesGet408AfterTheConnectionTimeoutAndTheirPlacesAreFreed() throws Exception {
        String stalled = "POST /log HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + KEY + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\n\r\n[" + SampleSeason.json(joeHarris("SLOW-0022100003"));
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SlowClient.Outcome>> stallers = new ArrayList<>();
            for (int i = 0; i < concurrency.maxConcurrent(); i++) {
                stallers.add(clients.submit(() -> {
                    try (SlowClient staller = SlowClient.open(port, stalled)) {
                        return staller.await(deadline().plus(SLACK));
                    }
                }));
            }
            assertThat(postUntil(503, deadline().dividedBy(2))).as("a write while they stall").isEqualTo(503);

            for (Future<SlowClient.Outcome> staller : stallers) {
                SlowClient.Outcome outcome = staller.get(60, TimeUnit.SECONDS);
                System.out.printf("Stalled body answered %d after %d ms%n", outcome.status(), outcome.after().toMillis());
                assertThat(outcome.status()).as("answer to a stalled body: %s", outcome).isEqualTo(408);
                assertThat(outcome.after()).isLessThan(deadline());
                assertThat(outcome.answer()).contains("application/problem+json", "stopped arriving", "nothing was stored");
            }
            assertThat(post().statusCode()).as("a write once they are dropped").isEqualTo(201);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stat_line WHERE game_id = 'SLOW-0022100003'", Long.class))
                .as("lines of the stalled bodies").isZero();
    }

    private Duration deadline() {
        return ingest.bodyReadTimeout();
    }

    /** Posts a line every quarter second until the answer has the status or the time is up; the last status. */
    private int postUntil(int status, Duration atMost) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        int last;
        do {
            last = post().statusCode();
            if (last == status) {
                return last;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < until);
        return last;
    }

    private HttpResponse<String> post() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/log"))
                    .header("X-API-Key", KEY).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(SampleSeason.json(joeHarris("SLOW-0022100002")))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
