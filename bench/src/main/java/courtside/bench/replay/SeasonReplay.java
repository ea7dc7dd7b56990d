package courtside.bench.replay;

import courtside.bench.Progress;
import courtside.bench.ServiceClient;
import courtside.model.BoxScoreLine;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Posts box-score lines through {@code POST /log} the way scorekeeping clients do: in batches, several clients
 * at once, optionally at a fixed rate, retrying what the service could not take (5xx, connection errors) since
 * a re-post of the same line is an idempotent retry. Injected faults follow the plan: a corrected line is first
 * posted with one free throw too many and then, by the same client right after, with its real values; a
 * duplicated line is posted again unchanged. Either way, the stored season ends equal to the files.
 */
public final class SeasonReplay {

    private static final int MAX_ATTEMPTS = 8;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Set<Integer> WORTH_RETRYING = Set.of(429, 502, 503, 504);
    private static final int REJECTIONS_KEPT = 5;

    private final ServiceClient stats;
    private final ReplayPlan plan;
    private final RatePacer pacer;
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger rejected = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> rejections = new ConcurrentLinkedQueue<>();

    public SeasonReplay(ServiceClient stats, ReplayPlan plan) {
        this.stats = stats;
        this.plan = plan;
        this.pacer = RatePacer.of(plan.linesPerSecond());
    }

    /** What a replay did. {@code outcomes} counts stats-service's answers: created, corrected, unchanged. */
    public record Result(int lines, Map<String, Integer> outcomes, int rejected, List<String> firstRejections,
                         Duration elapsed) {

        public double linesPerSecond() {
            return lines / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }
    }

    /** Posts every line, {@code afterEachRequest} told of each acknowledged request's lines. */
    public Result replay(List<BoxScoreLine> lines, Progress progress, Consumer<List<Map<String, Object>>> afterEachRequest)
            throws InterruptedException {
        List<List<BoxScoreLine>> batches = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += plan.batchSize()) {
            batches.add(lines.subList(from, Math.min(lines.size(), from + plan.batchSize())));
        }
        AtomicInteger nextBatch = new AtomicInteger();
        long startedAt = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < plan.concurrency(); client++) {
                clients.submit(() -> {
                    for (int i = nextBatch.getAndIncrement(); i < batches.size(); i = nextBatch.getAndIncrement()) {
                        postBatch(i, batches.get(i), afterEachRequest);
                        progress.advance(batches.get(i).size());
                    }
                    return null;
                });
            }
        }
        Map<String, Integer> counted = new TreeMap<>();
        outcomes.forEach((outcome, count) -> counted.put(outcome, count.get()));
        return new Result(lines.size(), counted, rejected.get(), List.copyOf(rejections),
                Duration.ofNanos(System.nanoTime() - startedAt));
    }

    private void postBatch(int index, List<BoxScoreLine> batch, Consumer<List<Map<String, Object>>> afterEachRequest)
            throws InterruptedException {
        // Seeded per batch, so that the same plan injects the same faults whatever the interleaving of clients.
        Random faults = new Random(plan.seed() * 31 + index);
        List<Map<String, Object>> first = new ArrayList<>(batch.size());
        List<Map<String, Object>> corrections = new ArrayList<>();
        List<Map<String, Object>> duplicates = new ArrayList<>();
        for (BoxScoreLine line : batch) {
            Map<String, Object> real = line.toWire();
            if (faults.nextDouble() < plan.corrections()) {
                first.add(withOneFreeThrowTooMany(real));
                corrections.add(real);
            } else {
                first.add(real);
            }
            if (faults.nextDouble() < plan.duplicates()) {
                duplicates.add(real);
            }
        }
        for (List<Map<String, Object>> request : List.of(first, corrections, duplicates)) {
            if (!request.isEmpty() && post(request)) {
                afterEachRequest.accept(request);
            }
        }
    }

    /** Whether the service took the lines; retried while it answers that it cannot take them now. */
    private boolean post(List<Map<String, Object>> request) throws InterruptedException {
        pacer.await(request.size());
        String body = ServiceClient.json(plan.batchSize() == 1 && request.size() == 1 ? request.getFirst() : request);
        Duration backoff = FIRST_BACKOFF;
        String failure = "";
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                ServiceClient.Answer answer = stats.post("/log", body);
                if (answer.isSuccess()) {
                    count(answer.json());
                    return true;
                }
                failure = answer.status() + " " + answer.body();
                if (!WORTH_RETRYING.contains(answer.status())) {
                    break;
                }
            } catch (IOException e) {
                failure = e.toString();
            }
            Thread.sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        rejected.addAndGet(request.size());
        if (rejections.size() < REJECTIONS_KEPT) {
            rejections.add("%d line(s) from game %s: %s".formatted(request.size(), request.getFirst().get("game_id"),
                    failure));
        }
        return false;
    }

    private void count(JsonNode answer) {
        for (JsonNode line : answer.isArray() ? answer : List.of(answer)) {
            outcomes.computeIfAbsent(line.path("outcome").asString("unknown"), o -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** The scorekeeper's slip the correction fixes: a free throw made counted twice (still a valid line). */
    private static Map<String, Object> withOneFreeThrowTooMany(Map<String, Object> real) {
        Map<String, Object> wrong = new LinkedHashMap<>(real);
        wrong.computeIfPresent("ftm", (field, value) -> (Integer) value + 1);
        wrong.computeIfPresent("fta", (field, value) -> (Integer) value + 1);
        wrong.computeIfPresent("points", (field, value) -> (Integer) value + 1);
        return wrong;
    }
}
