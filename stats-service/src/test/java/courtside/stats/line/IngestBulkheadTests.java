package courtside.stats.line;

import courtside.stats.SampleSeason;
import courtside.stats.SlowClient;
import courtside.stats.StatsServiceTest;
import io.github.resilience4j.bulkhead.Bulkhead;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static courtside.stats.RealLines.joeHarris;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest bulkhead bounds how many writes are in progress, not how many a busy moment may bring: a writer that
 * finds every place taken waits its turn, as long as it would wait for a database connection, and only then is
 * refused (503, see {@code HostileClientTests}). On a loaded 2-core machine a burst of 200 scorekeepers keeps every
 * place busy for hundreds of milliseconds at a time; refusing them after half a second turned a slow moment into
 * failed posts (issue 15: 691 of 6,000 single-line posts answered 503 in the bench).
 */
@StatsServiceTest
class IngestBulkheadTests {

    /** As long as a burst of real batches keeps every place busy on a loaded machine. */
    private static final Duration PLACES_HELD_FOR = Duration.ofSeconds(1);

    @Autowired
    RestTestClient http;

    @Autowired
    Bulkhead ingestBulkhead;

    @Autowired
    IngestConcurrency concurrency;

    @Value("${local.server.port}")
    int port;

    @Test
    void aWriterArrivingWhileEveryPlaceIsTakenForASecondIsServedWhenOneFrees() throws Exception {
        List<SlowClient> holders = new ArrayList<>();
        try (ExecutorService finishing = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency.maxConcurrent(); i++) {
                // A write that has its place and is still sending its body: "[" now, "]" a second later.
                holders.add(SlowClient.open(port, """
                        POST /log HTTP/1.1\r
                        Host: localhost\r
                        Content-Type: application/json\r
                        Content-Length: 2\r
                        \r
                        ["""));
            }
            awaitEveryPlaceTaken();
            List<Future<SlowClient.Outcome>> holdersDone = new ArrayList<>();
            for (SlowClient holder : holders) {
                holdersDone.add(finishing.submit(() -> holder.dribble(sent -> "]", 1, PLACES_HELD_FOR)));
            }

            int status = http.post().uri("/log").contentType(MediaType.APPLICATION_JSON)
                    .body(SampleSeason.json(joeHarris("BULKHEAD-0022100001")))
                    .exchange().returnResult().getStatus().value();

            assertThat(status).as("a write that waited about %s for a place", PLACES_HELD_FOR).isEqualTo(201);
            for (Future<SlowClient.Outcome> done : holdersDone) {
                assertThat(done.get().endedByServer()).as("each holder was answered").isTrue();
            }
        } finally {
            for (SlowClient holder : holders) {
                holder.close();
            }
        }
    }

    private void awaitEveryPlaceTaken() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ingestBulkhead.getMetrics().getAvailableConcurrentCalls() > 0) {
            assertThat(System.nanoTime()).as("every ingest place taken by the slow writers").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
