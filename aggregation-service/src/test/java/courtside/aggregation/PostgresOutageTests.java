package courtside.aggregation;

import courtside.embedded.EmbeddedStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL cut off for 20 s in the middle of a replay with corrections and duplicates, the way a network blackhole
 * looks to the services: its processes are stopped (SIGSTOP), so connections stay open and nothing answers, rather
 * than refused as after a clean stop. Every request answers within seconds: aggregation-service reads from the cache,
 * or 503 with Retry-After when the answer needs PostgreSQL (never a 500, never a hang); stats-service's writes are
 * accepted or refused with 503 and retried by the client. Once PostgreSQL is back, every cached average and read
 * model of the replayed season equals SQL.
 */
@AggregationServiceTest
class PostgresOutageTests {

    /**
     * Bound on any answer while PostgreSQL is cut off: the longest JDBC socket timeout (aggregation-service's 10 s)
     * plus a busy machine's margin; measured: reads within 4.3 s, writes within 9 s.
     */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(13);
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Autowired
    Pipeline pipeline;
    @Autowired
    RestTestClient aggregation;

    @Test
    void whilePostgresIsCutOffMidReplayEveryRequestAnswersWithinSecondsAndAfterwardsEveryReadModelEqualsSql()
            throws Exception {
        SyntheticSeason season = SyntheticSeason.starting(1998);
        List<Map<String, Object>> lines = season.linesOfFirstGames(40);
        int half = lines.size() / 2;
        pipeline.post(lines.subList(0, half), 100);
        pipeline.awaitQuiet();
        Object cachedPlayer = lines.getFirst().get("player_id");

        Map<Integer, Integer> writeStatuses = new ConcurrentHashMap<>();
        AtomicLong slowestWrite = new AtomicLong();
        CompletableFuture<Void> replay = CompletableFuture.runAsync(() ->
                replay(lines.subList(half, lines.size()), writeStatuses, slowestWrite));

        Map<String, Integer> readStatuses = new ConcurrentHashMap<>();
        long slowestRead = 0;
        List<Long> stopped = stopPostgres();
        try {
            long until = System.nanoTime() + OUTAGE.toNanos();
            int unknown = 880_000;
            while (System.nanoTime() < until) {
                // A miss (no such ledger cached: it must be read from PostgreSQL) and a hit.
                for (String uri : List.of("/average/player/" + unknown++ + "?season=" + season.label(),
                        "/games/player/" + unknown++ + "?season=" + season.label(),
                        "/average/player/" + cachedPlayer + "?season=" + season.label())) {
                    long start = System.nanoTime();
                    var answer = aggregation.get().uri(uri).exchange().returnResult(String.class);
                    long took = System.nanoTime() - start;
                    slowestRead = Math.max(slowestRead, took);
                    int status = answer.getStatus().value();
                    readStatuses.merge(uri.replaceAll("\\d+\\?", "{id}?") + " " + status, 1, Integer::sum);
                    assertThat(status).as("%s while PostgreSQL is cut off", uri).isIn(200, 503);
                    assertThat(Duration.ofNanos(took)).as("answer time of %s", uri).isLessThan(ANSWER_BOUND);
                    if (status == 503) {
                        assertThat(answer.getResponseHeaders().getFirst("Retry-After")).as(uri).isNotBlank();
                        assertThat(answer.getResponseHeaders().getContentType()).as(uri)
                                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                    }
                }
            }
        } finally {
            resume(stopped);
        }
        replay.get(5, TimeUnit.MINUTES);
        System.out.printf("PostgreSQL cut off %d s: reads %s, slowest read %d ms; writes %s, slowest write %d ms%n",
                OUTAGE.toSeconds(), readStatuses, TimeUnit.NANOSECONDS.toMillis(slowestRead), writeStatuses,
                TimeUnit.NANOSECONDS.toMillis(slowestWrite.get()));
        assertThat(readStatuses.keySet()).as("reads %s", readStatuses)
                .anyMatch(key -> key.startsWith("/average/player/{id}") && key.endsWith(" 503"));
        assertThat(writeStatuses.keySet()).as("writes %s", writeStatuses).isSubsetOf(201, 503);
        assertThat(Duration.ofNanos(slowestWrite.get())).as("slowest write").isLessThan(ANSWER_BOUND);

        pipeline.awaitQuiet();
        pipeline.assertCacheEqualsSql(season.label());
    }

    /**
     * Posts the lines as a scorekeeping client would, each batch until accepted: then the same batch again (a
     * duplicate), and every 20th line corrected (a free throw more).
     */
    private void replay(List<Map<String, Object>> lines, Map<Integer, Integer> statuses, AtomicLong slowest) {
        for (int from = 0; from < lines.size(); from += 25) {
            List<Map<String, Object>> batch = lines.subList(from, Math.min(lines.size(), from + 25));
            List<Map<String, Object>> corrections = new ArrayList<>();
            for (int i = 0; i < batch.size(); i += 20) {
                Map<String, Object> line = batch.get(i);
                corrections.add(with(line, "points", (Integer) line.get("points") + 1,
                        "ftm", (Integer) line.get("ftm") + 1, "fta", (Integer) line.get("fta") + 1));
            }
            for (List<Map<String, Object>> request : List.of(batch, batch, corrections)) {
                postUntilAccepted(request, statuses, slowest);
            }
        }
    }

    private static void postUntilAccepted(List<Map<String, Object>> batch, Map<Integer, Integer> statuses, AtomicLong slowest) {
        RestTestClient stats = RunningStatsService.shared().client();
        while (true) {
            long start = System.nanoTime();
            int status = stats.post().uri("/log").contentType(MediaType.APPLICATION_JSON)
                    .body(courtside.stats.SampleSeason.json(batch)).exchange().returnResult(String.class).getStatus().value();
            slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
            statuses.merge(status, 1, Integer::sum);
            if (status == 201) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops the postmaster and every backend, as a blackhole would leave them: alive, silent. */
    private static List<Long> stopPostgres() throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(
                EmbeddedStack.shared().postgres().dataDir().resolve("postmaster.pid")).getFirst().strip());
        List<Long> pids = Stream.concat(Stream.of(postmaster),
                ProcessHandle.of(postmaster).orElseThrow().descendants().map(ProcessHandle::pid)).toList();
        signal("-STOP", pids);
        return pids;
    }

    private static void resume(List<Long> pids) throws IOException, InterruptedException {
        signal("-CONT", pids);
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).inheritIO().start();
        assertThat(kill.waitFor()).as(String.join(" ", command)).isZero();
    }
}
