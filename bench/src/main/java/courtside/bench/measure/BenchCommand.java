package courtside.bench.measure;

import courtside.bench.Progress;
import courtside.bench.ProgressOption;
import courtside.bench.ServiceClient;
import courtside.bench.ServiceUrls;
import courtside.embedded.ServiceProcess;
import courtside.model.BoxScoreFile;
import courtside.model.BoxScoreLine;
import courtside.model.Season;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code bench}: every row of docs/design.md section 9, each beside the ceiling it is judged against, measured in
 * the same run; the data-dependent rows again after more seasons are stored, to show how costs grow with data.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures docs/design.md section 9 against a running stack, or one it starts (--start-stack), "
                + "and writes bench-report.md and bench-report.json.")
public final class BenchCommand implements Callable<Integer> {

    /** The real season, whose averages the GET loads read. */
    private static final String MEASURED_SEASON = "2021-22";
    private static final int REAL_SEASON_START = Season.startYear(MEASURED_SEASON);
    /**
     * The probes post lines into seasons of their own, apart from the measured ones (2021-22 and the seasons before
     * it): the warm-up into 1947-48 and 1948-49, each measured step into three after those. Not before 1947: a game
     * of the real season's October shifted into 1946 would be dated before the league's first game, and refused.
     */
    private static final int PROBE_SEASONS_START = 1947;
    private static final int PROBE_SEASONS_PER_STEP = 3;
    private static final int RESTARTS = 3;

    @Option(names = "--start-stack", description = "Start PostgreSQL, Kafka and Redis on embedded servers and both services from their runnable jars.")
    private boolean startStack;

    @Mixin
    private ServiceUrls urls;

    @Option(names = "--db-url", defaultValue = "jdbc:postgresql://${env:DB_HOST:-localhost}:${env:DB_PORT:-5432}/${env:DB_NAME:-courtside}",
            description = "The running stack's database, for the raw-insert and GROUP BY ceilings (default: ${DEFAULT-VALUE}).")
    private String dbUrl;

    @Option(names = "--aggregation-management-url", defaultValue = "http://localhost:${env:AGGREGATION_MANAGEMENT_PORT:-9081}",
            description = "aggregation-service's management port, for the rebuild and its event count (default: ${DEFAULT-VALUE}).")
    private URI aggregationManagementUrl;

    // The ceilings create and drop a table of their own: the schema owner, not the service's row-only role.
    @Option(names = "--db-user", defaultValue = "${env:DB_MIGRATION_USER:-courtside_owner}", description = "Its owner (default: ${DEFAULT-VALUE}).")
    private String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:DB_MIGRATION_PASSWORD:-courtside_owner}", description = "Its password (default: $DB_MIGRATION_PASSWORD).")
    private String dbPassword;

    @Option(names = "--redis-addr", defaultValue = "${env:REDIS_ADDR:-localhost:6379}", description = "The running stack's Redis, flushed before the rebuild (default: ${DEFAULT-VALUE}).")
    private String redisAddress;

    @Option(names = "--api-key", defaultValue = "${env:STATS_API_KEY}", description = "X-API-Key for writes (default: $STATS_API_KEY).")
    private String apiKey;

    @Option(names = "--stats-jar", description = "With --start-stack: stats-service's runnable jar (default: stats-service/target/*-exec.jar).")
    private Path statsJar;

    @Option(names = "--aggregation-jar", description = "With --start-stack: aggregation-service's runnable jar (default: aggregation-service/target/*-exec.jar).")
    private Path aggregationJar;

    @Option(names = "--service-jvm-options", defaultValue = "", description = "With --start-stack: JVM options of both services, space-separated.")
    private String serviceJvmOptions;

    @Option(names = "--seasons", split = ",", defaultValue = "1,20", description = "Measure after this many seasons are stored (default: ${DEFAULT-VALUE}).")
    private List<Integer> seasonSteps;

    @Option(names = "--clients", defaultValue = "200", description = "Concurrent clients of the latency and GET loads (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--ingest-clients", defaultValue = "4", description = "Concurrent clients posting batches of 100 (default: ${DEFAULT-VALUE}).")
    private int ingestClients;

    @Option(names = "--single-posts", defaultValue = "6000", description = "Single-line POSTs for the latency figures (default: ${DEFAULT-VALUE}).")
    private int singlePosts;

    @Option(names = "--post-interval", defaultValue = "PT0.5S", description = "Each single-line client posts once per interval, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration postInterval;

    @Option(names = "--freshness-rate", defaultValue = "2000", description = "Lines per second while freshness is probed (default: ${DEFAULT-VALUE}).")
    private double freshnessRate;

    @Option(names = "--freshness-lines", defaultValue = "20000", description = "Lines posted while freshness is probed (default: ${DEFAULT-VALUE}).")
    private int freshnessLines;

    @Option(names = "--quiet-freshness-rate", defaultValue = "100", description = "Lines per second of a second, "
            + "light freshness probe: the pipeline's own lag with cores to spare (default: ${DEFAULT-VALUE}).")
    private double quietFreshnessRate;

    @Option(names = "--quiet-freshness-lines", defaultValue = "1500", description = "Lines posted by the light "
            + "freshness probe (default: ${DEFAULT-VALUE}).")
    private int quietFreshnessLines;

    @Option(names = "--freshness-batch", defaultValue = "20", description = "Lines per request while freshness is probed (default: ${DEFAULT-VALUE}).")
    private int freshnessBatch;

    @Option(names = "--read-model-clients", defaultValue = "1", description = "Concurrent clients of the /leaders and /materialized loads; 1 measures each request alone (default: ${DEFAULT-VALUE}).")
    private int readModelClients;

    @Option(names = "--request-clients", defaultValue = "1", description = "Concurrent clients of a second pass over "
            + "the average GETs with a per mode or a split and the season GETs they are reported beside; 1 measures each "
            + "request alone, 0 skips the pass (default: ${DEFAULT-VALUE}).")
    private int requestClients;

    @Option(names = "--duration", defaultValue = "PT10S", description = "Length of each GET load, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--warm-up", defaultValue = "PT3S", description = "Warm-up before each GET load (default: ${DEFAULT-VALUE}).")
    private Duration warmUp;

    @Option(names = "--warm-up-lines", defaultValue = "30000", description = "Lines posted before anything is measured, so that the services' JIT has compiled their hot paths; 0 for none (default: ${DEFAULT-VALUE}).")
    private int warmUpLines;

    @Option(names = "--report-dir", defaultValue = "target", description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    private Path reportDir;

    @Mixin
    private ProgressOption progressOption;

    @Spec
    private CommandSpec spec;

    /** The stack being measured, while it runs. */
    private BenchStack stack;

    @Override
    public Integer call() throws Exception {
        List<Integer> steps = seasonSteps.stream().sorted().distinct().toList();
        if (steps.getFirst() < 1) {
            throw new IllegalArgumentException("--seasons takes counts of 1 or more");
        }
        if (probeSeason(steps.size(), 0) > REAL_SEASON_START - steps.getLast()) {
            throw new IllegalArgumentException("--seasons: too many steps or seasons for the probes' own seasons (from "
                    + PROBE_SEASONS_START + ") to stay apart from the measured ones");
        }
        BenchReport report = new BenchReport("courtside-bench " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()));
        List<BoxScoreLine> realSeason = BoxScoreFile.sampleSeason();
        try (BenchStack stack = stack()) {
            this.stack = stack;
            Workloads workloads = new Workloads(stack, System.out, progressOption.mode());
            if (warmUpLines > 0) {
                // At most the real season: the warm-up's lines are its lines, moved into a season of their own.
                int lines = Math.min(warmUpLines, realSeason.size());
                warmUp(realSeason, lines, stack, workloads);
                report.note("warm-up (not measured)", "%,d lines in batches, %,d single-line posts and %s of each GET load, in seasons of their own (1947-48, 1948-49)"
                        .formatted(lines, lines / 5, warmUp));
            }
            int stored = 0;
            for (int step : steps) {
                List<BoxScoreLine> adding = new ArrayList<>();
                for (int back = step - 1; back >= stored; back--) {
                    adding.addAll(back == 0 ? realSeason : shifted(realSeason, REAL_SEASON_START - back));
                }
                stored = step;
                measureAt(step, steps.indexOf(step), adding, realSeason, stack, workloads, report);
            }
            for (String service : List.of("stats-service", "aggregation-service")) {
                Optional<ServiceProcess> process = stack.process(service);
                if (process.isEmpty()) {
                    continue;
                }
                double firstStart = process.get().startup().map(BenchCommand::seconds).orElse(Double.NaN);
                double rss = process.get().peakResidentBytes().map(b -> b / 1024.0 / 1024.0).orElse(Double.NaN);
                // Read before the restarts: a restarted process has a peak of its own.
                report.add(Figure.of(steps.getLast(), service + " peak RSS over the whole run", rss, "MB", "≤ 512 MB", 512, false));
                report.add(Figure.of(steps.getLast(), service + " first start on an empty database (migrations, topic, rebuild)",
                        firstStart, "s", "", Double.NaN, false));
                // A restart is what startup time means to whoever runs the service (a deploy, a crash, a rolling
                // restart), and one start on a shared 2-core machine varies by a second: the median of three.
                List<Double> restarts = new ArrayList<>();
                for (int run = 0; run < RESTARTS; run++) {
                    restarts.add(seconds(stack.restart(service)));
                }
                report.add(Figure.of(steps.getLast(), "%s startup, restarted with the data loaded (launch → ready, median of %s s)"
                        .formatted(service, restarts.stream().map("%.2f"::formatted).collect(Collectors.joining(", "))),
                        restarts.stream().sorted().toList().get(RESTARTS / 2), "s", "≤ 4 s", 4, false));
            }
        }
        report.write(reportDir);
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("written: " + reportDir.resolve("bench-report.md") + " and " + reportDir.resolve("bench-report.json"));
        return 0;
    }

    private void measureAt(int seasons, int stepIndex, List<BoxScoreLine> adding, List<BoxScoreLine> realSeason, BenchStack stack,
                           Workloads workloads, BenchReport report) throws Exception {
        CpuShares cpu = new CpuShares(stack.cpuParts());
        say("%d season(s): posting %,d lines in batches of 100 by %d clients", seasons, adding.size(), ingestClients);
        double redisBefore = workloads.redisMainThreadSeconds();
        Workloads.Ingest ingest = measured(seasons, "ingest, batches of 100", cpu, report,
                () -> workloads.ingest(adding, ingestClients));
        double redisMicrosPerLine = (workloads.redisMainThreadSeconds() - redisBefore) * 1e6 / adding.size();
        double rawInsert = measured(seasons, "raw JDBC batch insert", cpu, report,
                () -> workloads.rawInsertLinesPerSecond(adding, ingestClients));
        report.add(Figure.beside(seasons, "sustained ingest, batches of 100, accepted → aggregated", ingest.aggregatedPerSecond(),
                "lines/s", "raw JDBC batch insert", rawInsert, "≥ 20,000 lines/s", 20_000, false, true));
        report.add(Figure.beside(seasons, "ingest accepted by stats-service (before aggregation)", ingest.acceptedPerSecond(),
                "lines/s", "raw JDBC batch insert", rawInsert, "", Double.NaN, false, true));
        // Every command runs on Redis's one thread: at 20,000 lines/s it has 50 µs for each line, whatever else is free.
        report.add(Figure.beside(seasons, "ingest: CPU time of Redis's one command thread per line", redisMicrosPerLine, "µs",
                "its budget at 20,000 lines/s", 1e6 / 20_000, "", Double.NaN, true, false));

        // Lines of seasons of their own, far back, so that they never change the measured seasons' averages.
        say("%d season(s): %,d single-line POSTs by %d clients, each posting every %d ms", seasons, singlePosts, clients,
                postInterval.toMillis());
        Workloads.Throughput posts = measured(seasons, "single-line POSTs", cpu, report, () -> workloads.singleLinePosts(
                firstShifted(realSeason, singlePosts, probeSeason(stepIndex, 0)), clients, postInterval));
        String postLoad = "%d clients, one post each per %d ms (%,.0f req/s)".formatted(clients, postInterval.toMillis(),
                posts.requestsPerSecond());
        report.add(Figure.of(seasons, "single-line POST p50, " + postLoad, posts.latencies().millisAt(50), "ms", "", Double.NaN, false));
        report.add(Figure.of(seasons, "single-line POST p99, " + postLoad, posts.latencies().millisAt(99), "ms", "≤ 10 ms", 10, false));
        report.add(Figure.of(seasons, "single-line POST p999, " + postLoad, posts.latencies().millisAt(99.9), "ms", "", Double.NaN, false));
        report.add(Figure.of(seasons, "single-line POSTs that failed", posts.failures(), "requests", "0", 0, false));

        freshness(seasons, "freshness at a fixed rate", freshnessRate, firstShifted(realSeason, freshnessLines, probeSeason(stepIndex, 1)),
                "≤ 100 ms", 100, workloads, cpu, report);
        // The same probe at a rate that leaves the cores mostly idle: what the lag is when nothing waits for a core.
        freshness(seasons, "freshness at a light rate", quietFreshnessRate, firstShifted(realSeason, quietFreshnessLines, probeSeason(stepIndex, 2)),
                "", Double.NaN, workloads, cpu, report);

        List<Long> players = playerIds(stack, MEASURED_SEASON);
        List<String> averages = AverageGets.paths(players, MEASURED_SEASON, AverageGets.SEASON);
        say("%d season(s): GET loads, %d clients, %s each", seasons, clients, duration);
        Workloads.Throughput cached = measured(seasons, "cached average GETs", cpu, report,
                () -> workloads.getLoad(stack.aggregation(), averages, clients, warmUp, duration));
        Workloads.Throughput trivial = measured(seasons, "liveness GETs", cpu, report,
                () -> workloads.getLoad(stack.aggregation(), List.of(LIVENESS), clients, warmUp, duration));
        Workloads.Throughput sql = measured(seasons, "SQL average GETs", cpu, report,
                () -> workloads.getLoad(stack.stats(), averages, clients, warmUp, duration));
        report.add(Figure.beside(seasons, "cached average GET throughput, %d clients".formatted(clients), cached.requestsPerSecond(),
                "req/s", "aggregation-service liveness", trivial.requestsPerSecond(), "≥ 0.7× trivial endpoint", 0.7, true, true));
        report.add(Figure.beside(seasons, "cached average GET throughput vs SQL average", cached.requestsPerSecond(),
                "req/s", "stats-service SQL average", sql.requestsPerSecond(), "≥ 20× SQL average", 20, true, true));
        report.add(Figure.of(seasons, "cached average GET p99, %d clients".formatted(clients), cached.latencies().millisAt(99), "ms", "≤ 5 ms", 5, false));
        report.add(Figure.of(seasons, "SQL average GET p99 (stats-service), %d clients".formatted(clients), sql.latencies().millisAt(99), "ms", "", Double.NaN, false));
        report.add(Figure.of(seasons, "liveness GET p99 (aggregation-service's trivial endpoint), %d clients".formatted(clients), trivial.latencies().millisAt(99), "ms", "", Double.NaN, false));
        report.add(Figure.of(seasons, "average GETs that failed (cached, SQL)", cached.failures() + sql.failures(), "requests", "0", 0, false));

        // Issue 20's per mode and splits, each beside the season GET of the same players under the same load: that of
        // the loads above (--clients), then each request alone (--request-clients 1), the latency a user waits for
        // rather than a queue's for a core.
        AverageGets.Variant versus = AverageGets.versus(AverageGets.latestOpponents(realSeason));
        List<AverageGets.Variant> cachedVariants = List.of(AverageGets.PER_36, AverageGets.LAST_10, versus);
        List<AverageGets.Variant> sqlVariants = List.of(AverageGets.LAST_10, versus);
        say("%d season(s): average GETs with a per mode or a split, %d clients, %s each", seasons, clients, duration);
        long failed = variantsBeside(seasons, CACHED, clients, cached, cachedVariants, players, workloads, cpu, report)
                + variantsBeside(seasons, SQL, clients, sql, sqlVariants, players, workloads, cpu, report);
        if (requestClients > 0) {
            say("%d season(s): the same, %s, %s each", seasons, clientsOf(requestClients), duration);
            for (Source source : List.of(CACHED, SQL)) {
                Workloads.Throughput season = measured(seasons, "%s, whole season, %s".formatted(source.loads(), clientsOf(requestClients)), cpu, report,
                        () -> workloads.getLoad(source.service(stack), averages, requestClients, warmUp, duration));
                String load = clientsOf(requestClients);
                report.add(Figure.of(seasons, "%s, whole season, p50, %s".formatted(source.name(), load), season.latencies().millisAt(50), "ms", "", Double.NaN, false));
                report.add(Figure.of(seasons, "%s, whole season, p99, %s".formatted(source.name(), load), season.latencies().millisAt(99), "ms", "", Double.NaN, false));
                failed += season.failures() + variantsBeside(seasons, source, requestClients, season,
                        source == CACHED ? cachedVariants : sqlVariants, players, workloads, cpu, report);
            }
        }
        report.add(Figure.of(seasons, "average GETs with per_36 or a split that failed (and the one-by-one pass's season GETs)",
                failed, "requests", "0", 0, false));

        say("%d season(s): read models, %d client(s), %s each", seasons, readModelClients, duration);
        Workloads.Throughput leaders = measured(seasons, "leader table GETs", cpu, report,
                () -> workloads.getLoad(stack.aggregation(), LEADER_PATHS, readModelClients, warmUp, duration));
        Workloads.Throughput materialized = measured(seasons, "live metrics GETs", cpu, report,
                () -> workloads.getLoad(stack.aggregation(), List.of("/materialized"), readModelClients, warmUp, duration));
        String readLoad = "%d client(s)".formatted(readModelClients);
        report.add(Figure.of(seasons, "/leaders p50, " + readLoad, leaders.latencies().millisAt(50), "ms", "", Double.NaN, false));
        report.add(Figure.of(seasons, "/leaders p99, " + readLoad, leaders.latencies().millisAt(99), "ms", "", Double.NaN, false));
        report.add(Figure.of(seasons, "/leaders throughput, " + readLoad, leaders.requestsPerSecond(), "req/s", "", Double.NaN, true));
        report.add(Figure.of(seasons, "/materialized p50, " + readLoad, materialized.latencies().millisAt(50), "ms", "", Double.NaN, false));
        report.add(Figure.of(seasons, "/materialized p99, " + readLoad, materialized.latencies().millisAt(99), "ms", "", Double.NaN, false));
        report.add(Figure.of(seasons, "/materialized throughput, " + readLoad, materialized.requestsPerSecond(), "req/s", "", Double.NaN, true));
        report.add(Figure.of(seasons, "read model GETs that failed", leaders.failures() + materialized.failures(), "requests", "0", 0, false));

        say("%d season(s): full rebuild", seasons);
        double groupBy = workloads.groupByMillis();
        Workloads.Rebuild rebuild = measured(seasons, "full rebuild", cpu, report, workloads::rebuild);
        report.add(Figure.beside(seasons, "full rebuild of every aggregate", rebuild.millis(), "ms", "bare SQL GROUP BY", groupBy,
                "≤ 1.5× GROUP BY", 1.5, true, false));
        // Redis runs every command on one thread: no rebuild can take less time than that thread spent on it.
        report.add(Figure.beside(seasons, "full rebuild: CPU time of Redis's one command thread", rebuild.redisMillis(), "ms",
                "bare SQL GROUP BY", groupBy, "", Double.NaN, true, false));
        report.note("lines stored after %d season(s)".formatted(seasons), "%,d".formatted(workloads.storedLines()));
    }

    /**
     * Runs every load once, unmeasured, on seasons of its own: a JVM just started interprets its code, and the
     * first figures would measure the JIT compiler rather than the service.
     */
    private void warmUp(List<BoxScoreLine> realSeason, int lines, BenchStack stack, Workloads workloads) throws Exception {
        say("warming up: %,d lines, then single-line posts and GETs (not measured)", lines);
        workloads.ingest(firstShifted(realSeason, lines, PROBE_SEASONS_START), ingestClients);
        workloads.singleLinePosts(firstShifted(realSeason, lines / 5, PROBE_SEASONS_START + 1), clients, postInterval.dividedBy(4));
        String warmUpSeason = Season.startingIn(PROBE_SEASONS_START);
        List<String> averages = AverageGets.paths(playerIds(stack, warmUpSeason), warmUpSeason, AverageGets.SEASON);
        workloads.getLoad(stack.aggregation(), averages, clients, warmUp, warmUp);
        workloads.getLoad(stack.aggregation(), List.of(LIVENESS), clients, warmUp, warmUp);
        workloads.getLoad(stack.stats(), averages, clients, warmUp, warmUp);
    }

    /** A load whose CPU use per part of the stack goes into the report. */
    @FunctionalInterface
    private interface Load<T> {
        T run() throws Exception;
    }

    private <T> T measured(int seasons, String load, CpuShares cpu, BenchReport report, Load<T> work) throws Exception {
        Map<String, Long> before = cpu.snapshot();
        long startedAt = System.nanoTime();
        T result = work.run();
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        report.cpu(seasons, load, CpuShares.coresBetween(before, cpu.snapshot(), seconds));
        sayPeakMemory(load);
        return result;
    }

    /** Where an average GET is answered: aggregation-service from Redis, or stats-service by SQL. */
    private record Source(String name, String loads, boolean cached) {

        ServiceClient service(BenchStack stack) {
            return cached ? stack.aggregation() : stack.stats();
        }
    }

    private static final Source CACHED = new Source("cached average GET", "cached average GETs", true);
    private static final Source SQL = new Source("SQL average GET (stats-service)", "SQL average GETs", false);

    /**
     * Loads each variant as {@code season} was loaded (the same players, clients, warm-up and duration) and reports
     * its p50, p99 and throughput, each beside the season GET's.
     *
     * @return the variants' requests that failed
     */
    private long variantsBeside(int seasons, Source source, int clients, Workloads.Throughput season,
                                List<AverageGets.Variant> variants, List<Long> players, Workloads workloads, CpuShares cpu,
                                BenchReport report) throws Exception {
        long failed = 0;
        String load = clientsOf(clients);
        for (AverageGets.Variant variant : variants) {
            List<String> paths = AverageGets.paths(players, MEASURED_SEASON, variant);
            Workloads.Throughput measured = measured(seasons, "%s, %s, %s".formatted(source.loads(), variant.name(), load), cpu, report,
                    () -> workloads.getLoad(source.service(stack), paths, clients, warmUp, duration));
            String what = source.name() + ", " + variant.name();
            String beside = source.name() + ", " + variant.besideName();
            report.add(Figure.beside(seasons, "%s, p50, %s".formatted(what, load), measured.latencies().millisAt(50), "ms",
                    beside, season.latencies().millisAt(50), "", Double.NaN, false, false));
            report.add(Figure.beside(seasons, "%s, p99, %s".formatted(what, load), measured.latencies().millisAt(99), "ms",
                    beside, season.latencies().millisAt(99), "", Double.NaN, false, false));
            report.add(Figure.beside(seasons, "%s, throughput, %s".formatted(what, load), measured.requestsPerSecond(), "req/s",
                    beside, season.requestsPerSecond(), "", Double.NaN, false, true));
            failed += measured.failures();
        }
        return failed;
    }

    /** Probes freshness while {@code lines} go out at {@code rate}, and reports its p50 and p99. */
    private void freshness(int seasons, String load, double rate, List<BoxScoreLine> lines, String target, double targetMillis,
                           Workloads workloads, CpuShares cpu, BenchReport report) throws Exception {
        say("%d season(s): freshness at %,.0f lines/s", seasons, rate);
        Latencies lags = measured(seasons, load, cpu, report, () -> workloads.freshness(lines, rate, freshnessBatch));
        report.add(Figure.of(seasons, "freshness p50 at %,.0f lines/s (%d probes)".formatted(rate, lags.count()), lags.millisAt(50), "ms", "", Double.NaN, false));
        report.add(Figure.of(seasons, "freshness p99 at %,.0f lines/s".formatted(rate), lags.millisAt(99), "ms", target, targetMillis, false));
    }

    /** Which load raised a service's peak resident memory: the report has only the peak of the whole run. */
    private void sayPeakMemory(String load) {
        if (stack == null) {
            return;
        }
        List<String> peaks = new ArrayList<>();
        for (String service : List.of("stats-service", "aggregation-service")) {
            stack.process(service).flatMap(ServiceProcess::peakResidentBytes)
                    .ifPresent(bytes -> peaks.add("%s %,d MB".formatted(service, bytes / 1024 / 1024)));
        }
        if (!peaks.isEmpty()) {
            say("after %s: peak RSS so far %s", load, String.join(", ", peaks));
        }
    }

    private BenchStack stack() throws IOException, InterruptedException {
        if (!startStack) {
            return BenchStack.running(urls.stats(), urls.aggregation(), aggregationManagementUrl,
                    new BenchStack.Database(dbUrl, dbUser, dbPassword),
                    URI.create("redis://" + redisAddress), Optional.ofNullable(apiKey));
        }
        Path root = BoxScoreFile.sampleFolder().getParent();
        Path logs = Files.createDirectories(reportDir.resolve("bench-logs"));
        List<String> jvmOptions = serviceJvmOptions.isBlank() ? List.of() : Arrays.asList(serviceJvmOptions.strip().split("\\s+"));
        say("starting PostgreSQL, Kafka and Redis, then stats-service and aggregation-service (logs in %s)", logs);
        return BenchStack.start(statsJar != null ? statsJar : ServiceProcess.runnableJar(root, "stats-service"),
                aggregationJar != null ? aggregationJar : ServiceProcess.runnableJar(root, "aggregation-service"), jvmOptions, logs);
    }

    /**
     * The trivial endpoint the cached GET is measured against: liveness, which Boot also answers on the service port
     * (management.endpoint.health.group.liveness.additional-path), so both go through the same connector.
     */
    private static final String LIVENESS = "/livez";

    /**
     * Leader tables as a dashboard asks for them: the latest season's players by several stats (qualified by the
     * league's rule, the default), and the teams; and every player, unqualified (min_games=0: since the league's rule
     * became the default, a table without a minimum lists only the qualified).
     */
    private static final List<String> LEADER_PATHS = List.of("/leaders?stat=points", "/leaders?stat=rebounds",
            "/leaders?stat=assists", "/leaders?stat=fg_pct", "/leaders?stat=minutes_played&min_games=20",
            "/leaders/teams?stat=points", "/leaders?stat=points&limit=600&min_games=0");

    /** Every player with lines in {@code season}, whose averages the GET loads ask for. */
    private static List<Long> playerIds(BenchStack stack, String season) throws IOException, InterruptedException {
        List<Long> players = new ArrayList<>();
        for (JsonNode id : stack.stats().getJson("/player/ids?season=" + season)) {
            players.add(id.asLong());
        }
        return players;
    }

    /** The first {@code count} lines (or all), moved into the season starting in {@code startYear}. */
    /** The start year of a probe's season: the {@code probe}-th (0-2) of the step with that index. */
    private static int probeSeason(int stepIndex, int probe) {
        return PROBE_SEASONS_START + 2 + stepIndex * PROBE_SEASONS_PER_STEP + probe;
    }

    private static List<BoxScoreLine> firstShifted(List<BoxScoreLine> lines, int count, int startYear) {
        return shifted(lines.subList(0, Math.min(count, lines.size())), startYear);
    }

    private static List<BoxScoreLine> shifted(List<BoxScoreLine> lines, int startYear) {
        return lines.stream().map(line -> line.inSeasonStartingIn(startYear)).toList();
    }

    private static String clientsOf(int clients) {
        return clients == 1 ? "1 client" : clients + " clients";
    }

    private static void say(String format, Object... args) {
        System.out.println("[bench] " + format.formatted(args));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
