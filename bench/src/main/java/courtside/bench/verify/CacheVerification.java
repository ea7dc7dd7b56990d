package courtside.bench.verify;

import courtside.bench.Progress;
import courtside.bench.ServiceClient;
import courtside.model.SeasonType;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compares every cached season average (aggregation-service) with the one SQL computes (stats-service), for
 * every player and team that has lines in the given seasons, regular season and playoffs. A difference is
 * asked again until {@code settle} has passed, since the cache may still be catching up with the last events.
 */
public final class CacheVerification {

    private final ServiceClient stats;
    private final ServiceClient aggregation;
    private final int concurrency;
    private final Duration settle;

    public CacheVerification(ServiceClient stats, ServiceClient aggregation, int concurrency, Duration settle) {
        this.stats = stats;
        this.aggregation = aggregation;
        this.concurrency = concurrency;
        this.settle = settle;
    }

    /** One season average to compare: a player's or a team's. */
    record SeasonAverage(String side, long id, String season, SeasonType type) {

        String path() {
            return "/average/%s/%d?season=%s&season_type=%s".formatted(side, id, season, type.wireName());
        }

        @Override
        public String toString() {
            return "%s %d %s %s".formatted(side, id, season, type.wireName());
        }
    }

    /** What was compared, how the cache answered ({@code X-Cache}), and every difference left after settling. */
    public record Report(int compared, Map<String, Integer> seasonsBySide, Map<String, Integer> cacheAnswers,
                         List<String> mismatches, Duration elapsed) {

        public boolean allEqual() {
            return mismatches.isEmpty();
        }
    }

    public Report verify(Collection<String> seasons, Progress.Mode progressMode) throws IOException, InterruptedException {
        List<SeasonAverage> averages = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (String season : seasons) {
            for (SeasonType type : SeasonType.values()) {
                for (String side : List.of("player", "team")) {
                    JsonNode ids = stats.getJson("/%s/ids?season=%s&season_type=%s".formatted(side, season, type.wireName()));
                    ids.forEach(id -> averages.add(new SeasonAverage(side, id.asLong(), season, type)));
                    counts.merge(side + " seasons", ids.size(), Integer::sum);
                }
            }
        }
        Map<String, AtomicInteger> cacheAnswers = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(concurrency);
        Instant settledBy = Instant.now().plus(settle);
        Instant startedAt = Instant.now();
        try (Progress progress = Progress.of("verify", "averages", averages.size(), progressMode, System.out);
             ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor()) {
            for (SeasonAverage average : averages) {
                inFlight.acquire();
                checks.submit(() -> {
                    try {
                        compare(average, settledBy, cacheAnswers).ifPresent(mismatches::add);
                    } finally {
                        inFlight.release();
                        progress.advance(1);
                    }
                    return null;
                });
            }
        }
        Map<String, Integer> answers = new TreeMap<>();
        cacheAnswers.forEach((answer, count) -> answers.put(answer, count.get()));
        return new Report(averages.size(), counts, answers, mismatches.stream().sorted().toList(),
                Duration.between(startedAt, Instant.now()));
    }

    private Optional<String> compare(SeasonAverage average, Instant settledBy, Map<String, AtomicInteger> cacheAnswers)
            throws IOException, InterruptedException {
        while (true) {
            ServiceClient.Answer sql = stats.get(average.path());
            ServiceClient.Answer cached = aggregation.get(average.path());
            cacheAnswers.computeIfAbsent(cached.cache().orElse("none"), a -> new AtomicInteger()).incrementAndGet();
            List<String> differences = sql.status() != cached.status()
                    ? List.of("status: cached %d, SQL %d".formatted(cached.status(), sql.status()))
                    : sql.isSuccess() ? AverageDifferences.between(cached.json(), sql.json()) : List.of();
            if (differences.isEmpty()) {
                return Optional.empty();
            }
            if (Instant.now().isAfter(settledBy)) {
                return Optional.of(average + ": " + String.join("; ", differences));
            }
            Thread.sleep(200);
        }
    }
}
