package courtside.bench.measure;

import courtside.bench.Progress;
import courtside.bench.ServiceClient;
import courtside.bench.replay.ReplayPlan;
import courtside.bench.replay.SeasonReplay;
import courtside.model.BoxScore;
import courtside.model.BoxScoreLine;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The loads of docs/design.md section 9 and the ceilings they are reported beside, each measured on demand. */
final class Workloads {

    private static final Duration QUIET_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROBE_EVERY = Duration.ofMillis(5);

    private final BenchStack stack;
    private final PrintStream out;
    private final Progress.Mode progressMode;

    Workloads(BenchStack stack, PrintStream out, Progress.Mode progressMode) {
        this.stack = stack;
        this.out = out;
        this.progressMode = progressMode;
    }

    /** Lines per second accepted by stats-service, and aggregated by aggregation-service, for one replay. */
    record Ingest(int lines, double acceptedPerSecond, double aggregatedPerSecond) {
    }

    /** Requests per second and latencies of a fixed-duration load; {@code failures} answered non-2xx or not at all. */
    record Throughput(double requestsPerSecond, Latencies latencies, long failures) {
    }

    /**
     * Posts the lines in batches of 100 by {@code clients} clients, as fast as stats-service takes them, and
     * waits until aggregation-service has applied every resulting event.
     */
    Ingest ingest(List<BoxScoreLine> lines, int clients) throws IOException, InterruptedException {
        long eventsBefore = eventsApplied();
        long startedAt = System.nanoTime();
        SeasonReplay.Result result;
        try (Progress progress = Progress.of("ingest", "lines", lines.size(), progressMode, out)) {
            result = new SeasonReplay(stack.stats(), ReplayPlan.batchesOf(100, clients)).replay(lines, progress, r -> { });
        }
        long acceptedAt = System.nanoTime();
        requireNoRejections(result);
        awaitAggregated(eventsBefore + eventsOf(result));
        long aggregatedAt = System.nanoTime();
        return new Ingest(lines.size(), lines.size() / seconds(acceptedAt - startedAt),
                lines.size() / seconds(aggregatedAt - startedAt));
    }

    /**
     * The ceiling of ingest: the same lines inserted straight into a copy of {@code stat_line} (its columns,
     * CHECK constraints and indexes: {@code LIKE stat_line INCLUDING ALL}) with JDBC batches of 100
     * (reWriteBatchedInserts), one commit per batch, by as many connections as ingest has clients. The copy is
     * dropped afterwards, so the ceiling leaves no dead rows in {@code stat_line} for the loads measured after it.
     */
    double rawInsertLinesPerSecond(List<BoxScoreLine> lines, int connections) throws Exception {
        String sql = "INSERT INTO stat_line_ceiling (game_id, player_id, version, game_date, season, season_type, "
                + "player_name, team_id, team_abbreviation, " + String.join(", ", BoxScore.fieldNames())
                + ", created_at, updated_at) VALUES (?, ?, 1, ?, ?, 'regular', ?, ?, ?, "
                + "?, ".repeat(BoxScore.fieldNames().size()) + "?, ?)";
        try (Connection db = connect(); Statement create = db.createStatement()) {
            create.execute("DROP TABLE IF EXISTS stat_line_ceiling");
            create.execute("CREATE TABLE stat_line_ceiling (LIKE stat_line INCLUDING ALL)");
        }
        AtomicInteger nextBatch = new AtomicInteger();
        int batches = (lines.size() + 99) / 100;
        long startedAt = System.nanoTime();
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                done.add(writers.submit(() -> {
                    try (Connection db = connect(); PreparedStatement insert = db.prepareStatement(sql)) {
                        db.setAutoCommit(false);
                        for (int b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                            Timestamp now = Timestamp.from(Instant.now());
                            for (BoxScoreLine line : lines.subList(b * 100, Math.min(lines.size(), b * 100 + 100))) {
                                bind(insert, line, now);
                                insert.addBatch();
                            }
                            insert.executeBatch();
                            db.commit();
                        }
                    }
                    return null;
                }));
            }
            for (var writer : done) {
                writer.get();
            }
        }
        double rate = lines.size() / seconds(System.nanoTime() - startedAt);
        try (Connection db = connect(); Statement drop = db.createStatement()) {
            drop.execute("DROP TABLE stat_line_ceiling");
        }
        return rate;
    }

    /**
     * Single-line POSTs (one object per request) by {@code clients} scorekeepers at once. Each keeps the games
     * of its own (as at a real arena, one scorekeeper per game) and posts one line every {@code interval}, so
     * the latency is the service's and not the length of a queue the bench itself built up.
     */
    Throughput singleLinePosts(List<BoxScoreLine> lines, int clients, Duration interval) throws InterruptedException {
        List<List<BoxScoreLine>> byClient = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            byClient.add(new ArrayList<>());
        }
        Map<String, Integer> clientOfGame = new HashMap<>();
        for (BoxScoreLine line : lines) {
            byClient.get(clientOfGame.computeIfAbsent(line.gameId(), g -> clientOfGame.size() % clients)).add(line);
        }
        Latencies latencies = new Latencies();
        AtomicLong failures = new AtomicLong();
        Map<String, AtomicInteger> failuresByStatus = new ConcurrentHashMap<>();
        long startedAt = System.nanoTime();
        try (Progress progress = Progress.of("single-line posts", "requests", lines.size(), progressMode, out);
             ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<BoxScoreLine> own : byClient) {
                clientThreads.submit(() -> {
                    // Spread the clients' first posts over one interval instead of all at once.
                    long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(Math.max(1, interval.toNanos()));
                    for (BoxScoreLine line : own) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        next += interval.toNanos();
                        String body = ServiceClient.json(line.toWire());
                        long sentAt = System.nanoTime();
                        try {
                            ServiceClient.Answer answer = stack.stats().post("/log", body);
                            if (answer.isSuccess()) {
                                latencies.record(System.nanoTime() - sentAt);
                            } else {
                                failures.incrementAndGet();
                                failuresByStatus.computeIfAbsent("HTTP " + answer.status(), k -> new AtomicInteger()).incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                            failuresByStatus.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                        }
                        progress.advance(1);
                    }
                    return null;
                });
            }
        }
        if (!failuresByStatus.isEmpty()) {
            out.println("[bench] single-line POSTs that failed: " + failuresByStatus);
        }
        return new Throughput(lines.size() / seconds(System.nanoTime() - startedAt), latencies, failures.get());
    }

    /**
     * Freshness at a fixed rate: the lines go out at {@code linesPerSecond} in batches of {@code batchSize}.
     * After an acknowledged request, while no probe is running, a probe takes its last line and polls that
     * player's cached average every 5 ms until its games played count the line; the lag is from the
     * acknowledgement to that answer. A player's first line of the season is skipped: reading it would load the
     * ledger from PostgreSQL instead of waiting for the event.
     */
    Latencies freshness(List<BoxScoreLine> lines, double linesPerSecond, int batchSize) throws IOException, InterruptedException {
        Latencies lags = new Latencies();
        Map<Long, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
        AtomicReference<Probe> pending = new AtomicReference<>();
        AtomicBoolean replaying = new AtomicBoolean(true);
        long eventsBefore = eventsApplied();
        Thread prober = Thread.ofVirtual().name("freshness-probe").start(() -> probe(pending, replaying, lags));
        SeasonReplay.Result result;
        try (Progress progress = Progress.of("freshness", "lines", lines.size(), progressMode, out)) {
            ReplayPlan plan = new ReplayPlan(batchSize, 8, OptionalDouble.of(linesPerSecond), 0, 0, 1);
            result = new SeasonReplay(stack.stats(), plan).replay(lines, progress, request -> {
                long ackedAt = System.nanoTime();
                int seen = 0;
                for (Map<String, Object> line : request) {
                    seen = acknowledged.computeIfAbsent((Long) line.get("player_id"), p -> new AtomicInteger()).incrementAndGet();
                }
                Map<String, Object> last = request.getLast();
                if (seen > 1) {
                    pending.compareAndSet(null, new Probe((Long) last.get("player_id"), (String) last.get("season"), seen, ackedAt));
                }
            });
        } finally {
            replaying.set(false);
            prober.join();
        }
        requireNoRejections(result);
        awaitAggregated(eventsBefore + eventsOf(result));
        return lags;
    }

    private record Probe(long playerId, String season, int gamesPlayed, long ackedAt) {
    }

    private void probe(AtomicReference<Probe> pending, AtomicBoolean replaying, Latencies lags) {
        try {
            while (replaying.get() || pending.get() != null) {
                Probe probe = pending.get();
                if (probe == null) {
                    Thread.sleep(1);
                    continue;
                }
                String path = "/average/player/%d?season=%s".formatted(probe.playerId(), probe.season());
                long deadline = probe.ackedAt() + PROBE_TIMEOUT.toNanos();
                while (System.nanoTime() < deadline) {
                    ServiceClient.Answer answer = stack.aggregation().get(path);
                    if (answer.isSuccess() && answer.json().path("games_played").asInt() >= probe.gamesPlayed()) {
                        lags.record(System.nanoTime() - probe.ackedAt());
                        break;
                    }
                    Thread.sleep(PROBE_EVERY);
                }
                pending.set(null);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the freshness probe failed", e);
        }
    }

    /** {@code clients} clients sending GETs of random {@code paths} for {@code duration}, after a warm-up. */
    Throughput getLoad(ServiceClient service, List<String> paths, int clients, Duration warmUp, Duration duration)
            throws InterruptedException {
        runGets(service, paths, clients, warmUp, new Latencies(), new AtomicLong());
        Latencies latencies = new Latencies();
        AtomicLong failures = new AtomicLong();
        long requests = runGets(service, paths, clients, duration, latencies, failures);
        return new Throughput(requests / seconds(duration.toNanos()), latencies, failures.get());
    }

    private long runGets(ServiceClient service, List<String> paths, int clients, Duration duration, Latencies latencies,
                         AtomicLong failures) throws InterruptedException {
        AtomicLong requests = new AtomicLong();
        long endsAt = System.nanoTime() + duration.toNanos();
        try (ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                clientThreads.submit(() -> {
                    while (System.nanoTime() < endsAt) {
                        String path = paths.get(ThreadLocalRandom.current().nextInt(paths.size()));
                        long sentAt = System.nanoTime();
                        try {
                            if (service.get(path).isSuccess()) {
                                latencies.record(System.nanoTime() - sentAt);
                                requests.incrementAndGet();
                            } else {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        return requests.get();
    }

    /**
     * The CPU time Redis's main thread has used so far, in seconds ({@code INFO cpu}). Redis runs every command
     * on that one thread, so the time a load costs it there is a floor under the load's own duration, however
     * many cores the rest of the stack has.
     */
    double redisMainThreadSeconds() {
        RedisClient redis = RedisClient.create(stack.redis().toString());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            return mainThreadSeconds(connection.sync());
        } finally {
            redis.shutdown();
        }
    }

    private static double mainThreadSeconds(RedisCommands<String, String> redis) {
        Map<String, Double> cpu = new HashMap<>();
        redis.info("cpu").lines().map(String::strip).filter(line -> line.startsWith("used_cpu_"))
                .forEach(line -> cpu.put(line.substring(0, line.indexOf(':')), Double.parseDouble(line.substring(line.indexOf(':') + 1))));
        // Redis before 6.2 reports the whole process only: its other threads do little besides closing files.
        return cpu.containsKey("used_cpu_user_main_thread")
                ? cpu.get("used_cpu_user_main_thread") + cpu.get("used_cpu_sys_main_thread")
                : cpu.getOrDefault("used_cpu_user", 0.0) + cpu.getOrDefault("used_cpu_sys", 0.0);
    }

    /**
     * A full rebuild: how long it took, and how much of Redis's one thread it used meanwhile.
     *
     * @param redisMillis the CPU time of Redis's main thread during the rebuild, the emptying left out
     */
    record Rebuild(double millis, double redisMillis) {
    }

    /** Empties Redis, then times {@code POST /actuator/rebuild} until it answers. */
    Rebuild rebuild() throws IOException, InterruptedException {
        RedisClient redis = RedisClient.create(stack.redis().toString());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            connection.sync().flushall();
            double redisBefore = mainThreadSeconds(connection.sync());
            long startedAt = System.nanoTime();
            ServiceClient.Answer answer = stack.aggregationManagement().post("/actuator/rebuild", "");
            double millis = (System.nanoTime() - startedAt) / 1e6;
            if (!answer.isSuccess() || !"rebuilt".equals(answer.json().path("outcome").asString())) {
                throw new IllegalStateException("the rebuild answered " + answer.status() + ": " + answer.body());
            }
            return new Rebuild(millis, (mainThreadSeconds(connection.sync()) - redisBefore) * 1000);
        } finally {
            redis.shutdown();
        }
    }

    /** The bare GROUP BY of every season sum (sql/season-sums.sql), read whole: the median of three runs, ms. */
    double groupByMillis() throws SQLException, IOException {
        String[] queries;
        try (InputStream sql = Workloads.class.getResourceAsStream("/sql/season-sums.sql")) {
            queries = Arrays.stream(new String(sql.readAllBytes(), StandardCharsets.UTF_8).split(";"))
                    .map(q -> q.replaceAll("(?m)^--.*$", "").strip()).filter(q -> !q.isEmpty()).toArray(String[]::new);
        }
        double[] runs = new double[3];
        try (Connection db = connect()) {
            for (int run = 0; run < runs.length; run++) {
                long startedAt = System.nanoTime();
                for (String query : queries) {
                    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
                        while (rows.next()) {
                            rows.getLong(1);
                        }
                    }
                }
                runs[run] = (System.nanoTime() - startedAt) / 1e6;
            }
        }
        Arrays.sort(runs);
        return runs[1];
    }

    long storedLines() throws SQLException {
        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM stat_line WHERE NOT deleted")) {
            count.next();
            return count.getLong(1);
        }
    }

    /**
     * How many events aggregation-service has taken so far: its {@code courtside.events} counter summed over
     * every outcome. Read from the one meter's endpoint, not a whole Prometheus scrape, because this is polled
     * every 20 ms while a load drains and a full scrape costs the service being measured.
     */
    long eventsApplied() throws IOException, InterruptedException {
        ServiceClient.Answer metrics = stack.aggregationManagement().get("/actuator/metrics/courtside.events");
        if (!metrics.isSuccess()) {
            throw new IOException("aggregation-service's /actuator/metrics/courtside.events answered " + metrics.status());
        }
        for (var measurement : metrics.json().path("measurements")) {
            if ("COUNT".equals(measurement.path("statistic").asString())) {
                return (long) measurement.path("value").asDouble();
            }
        }
        throw new IOException("courtside.events has no COUNT: " + metrics.body());
    }

    /** Waits until aggregation-service has taken {@code events} events in all. */
    void awaitAggregated(long events) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(QUIET_TIMEOUT);
        while (eventsApplied() < events) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("aggregation-service did not take %d events within %s"
                        .formatted(events, QUIET_TIMEOUT));
            }
            Thread.sleep(20);
        }
    }

    private Connection connect() throws SQLException {
        BenchStack.Database database = stack.database();
        String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        return DriverManager.getConnection(url, database.user(), database.password());
    }

    private static void bind(PreparedStatement insert, BoxScoreLine line, Timestamp now) throws SQLException {
        int i = 1;
        insert.setString(i++, line.gameId());
        insert.setLong(i++, line.playerId());
        insert.setObject(i++, LocalDate.parse(line.gameDate()));
        insert.setString(i++, line.season());
        insert.setString(i++, line.playerName());
        insert.setLong(i++, line.teamId());
        insert.setString(i++, line.teamAbbreviation());
        for (Number value : line.stats().fields().values()) {
            if (value instanceof BigDecimal minutes) {
                insert.setBigDecimal(i++, minutes);
            } else {
                insert.setInt(i++, value.intValue());
            }
        }
        insert.setTimestamp(i++, now);
        insert.setTimestamp(i, now);
    }

    /** The events a replay caused: one per line created or corrected (an unchanged line publishes none). */
    private static long eventsOf(SeasonReplay.Result result) {
        return result.outcomes().getOrDefault("created", 0) + result.outcomes().getOrDefault("corrected", 0);
    }

    private static void requireNoRejections(SeasonReplay.Result result) {
        if (result.rejected() > 0) {
            throw new IllegalStateException("stats-service rejected %d lines: %s".formatted(result.rejected(),
                    result.firstRejections()));
        }
    }

    private static double seconds(long nanos) {
        return Math.max(nanos, 1) / 1e9;
    }
}
