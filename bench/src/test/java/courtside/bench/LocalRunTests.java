package courtside.bench;

import courtside.bench.replay.ReplayPlan;
import courtside.bench.replay.SeasonReplay;
import courtside.bench.verify.CacheVerification;
import courtside.embedded.FreePorts;
import courtside.embedded.ServiceProcess;
import courtside.model.BoxScoreFile;
import courtside.model.BoxScoreLine;
import courtside.model.CourtsideJson;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The local run as README starts it (the launcher with both services' runnable jars and {@code --sample-season}),
 * on free ports and a data folder of its own: what a newcomer sees, what the bench client checks, and that
 * SIGTERM leaves no server process behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunTests {

    private static final Path ROOT = BoxScoreFile.sampleFolder().getParent();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final long JOKIC = 203_999;
    private static final String SEASON = "2021-22";

    @TempDir
    static Path dataDir;

    private final int postgresPort = FreePorts.pick();
    private final int kafkaPort = FreePorts.pick();
    private final int redisPort = FreePorts.pick();
    private final int statsPort = FreePorts.pick();
    private final int aggregationPort = FreePorts.pick();
    private final int aggregationManagementPort = FreePorts.pick();
    private Path output;
    private Process localRun;
    private ServiceClient stats;
    private ServiceClient aggregation;

    @BeforeAll
    void startTheLocalRunWithTheSampleSeason() throws Exception {
        output = dataDir.resolveSibling(dataDir.getFileName() + "-output.log");
        List<String> command = new ArrayList<>(List.of(ServiceProcess.thisJava(), "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-jar", runnableJar("embedded-stack").toString(),
                "--data-dir", dataDir.toString(),
                "--postgres-port", Integer.toString(postgresPort), "--kafka-port", Integer.toString(kafkaPort),
                "--redis-port", Integer.toString(redisPort),
                "--service", "stats-service=" + runnableJar("stats-service") + ":" + statsPort + ":" + FreePorts.pick(),
                "--service", "aggregation-service=" + runnableJar("aggregation-service") + ":" + aggregationPort + ":" + aggregationManagementPort,
                // What run-local.sh passes for --sample-season: the bench client's classpath, here this test's.
                "--replay", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("STATS_API_KEY");
        localRun = builder.start();
        awaitOutput("[courtside] sample season loaded", START_TIMEOUT);
        stats = new ServiceClient(URI.create("http://localhost:" + statsPort), Optional.empty());
        aggregation = new ServiceClient(URI.create("http://localhost:" + aggregationPort), Optional.empty());
    }

    @AfterAll
    void stopWhatIsLeft() {
        if (stats != null) {
            stats.close();
            aggregation.close();
        }
        if (localRun != null && localRun.isAlive()) {
            localRun.descendants().forEach(ProcessHandle::destroyForcibly);
            localRun.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void printsOneLinePerComponentWithItsAddress() throws IOException {
        assertThat(Files.readString(output)).contains(
                "[courtside] postgresql          jdbc:postgresql://localhost:" + postgresPort + "/courtside",
                "[courtside] kafka               127.0.0.1:" + kafkaPort,
                "[courtside] redis               localhost:" + redisPort,
                "[courtside] stats-service       http://localhost:" + statsPort,
                "[courtside] aggregation-service http://localhost:" + aggregationPort,
                "[courtside] ready: Ctrl-C stops everything");
    }

    @Test
    @Order(2)
    void bothServicesAnswerTheRealSeasonAveragesOfTheSampleSeason() throws Exception {
        JsonNode sql = stats.getJson("/average/player/" + JOKIC);
        ServiceClient.Answer cached = aggregation.get("/average/player/" + JOKIC);

        // Nikola Jokic, 2021-22: 74 games, 27.1 points, 13.8 rebounds, 7.9 assists.
        assertThat(sql.get("season").asString()).isEqualTo(SEASON);
        assertThat(sql.get("games_played").asInt()).isEqualTo(74);
        assertThat(sql.at("/averages/points").asDouble()).isCloseTo(27.08, offset(0.005));
        assertThat(cached.cache()).contains("HIT");
        assertThat(cached.json()).isEqualTo(sql);
    }

    @Test
    @Order(3)
    void verifyFindsEveryCachedAverageEqualToSql() throws Exception {
        // The launcher said "sample season loaded" only because its own `verify` run (the bench client's command, in a
        // JVM of its own) exited 0; its report is in the output. Checked here rather than by running it again.
        assertThat(Files.readAllLines(output))
                .anyMatch(line -> line.matches("compared 635 season averages \\(\\{player seasons=605, team seasons=30}\\) of 1 season\\(s\\)"
                        + " in [0-9.,]+ s; the cache answered \\{HIT=635}"))
                .contains("every cached average equals SQL");
    }

    @Test
    @Order(4)
    void aReplayWithCorrectionsAndDuplicatesLeavesEveryAverageExact() throws Exception {
        // The first quarter of the season's lines, all stored already: some 6,500 lines, 5 % of them corrected and 5 %
        // posted twice, change hundreds of averages and back (posting the whole season again took 19 s).
        List<BoxScoreLine> season = BoxScoreFile.sampleSeason();
        List<BoxScoreLine> replayed = season.subList(0, season.size() / 4);
        SeasonReplay.Result result = new SeasonReplay(stats, new ReplayPlan(100, 4, OptionalDouble.empty(), 0.05, 0.05, 7))
                .replay(replayed, Progress.of("replay", "lines", 0, Progress.Mode.NONE, System.out), request -> { });

        assertThat(result.rejected()).isZero();
        // Each corrected line is posted twice with new values (a free throw too many, then the real line).
        assertThat(result.outcomes().get("corrected")).isGreaterThan(2 * 250).isEven();
        assertThat(result.outcomes().get("unchanged")).isGreaterThan(replayed.size() - 375);
        assertThat(result.outcomes()).doesNotContainKey("created");
        CacheVerification.Report report = verification(Duration.ofSeconds(30)).verify(Set.of(SEASON), Progress.Mode.NONE);
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.compared()).isEqualTo(605 + 30);
    }

    @Test
    @Order(5)
    void verifyReportsACachedSumThatDiffersFromSql() throws Exception {
        String jokicSums = "courtside:v4:{player:%d}:season:%s:regular".formatted(JOKIC, SEASON);
        RedisClient redis = RedisClient.create("redis://localhost:" + redisPort);
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            connection.sync().hincrby(jokicSums, "points", 7);
            try {
                // The command's exit status and the report it prints, from one run: what it prints is the report's
                // mismatches, one a line.
                Printed verify = printedBy(() -> CourtsideBench.run("verify", "--stats-url", stats.base().toString(),
                        "--aggregation-url", aggregation.base().toString(), "--settle", "PT0S", "--progress", "none"));

                assertThat(verify.status()).isEqualTo(1);
                assertThat(verify.output().lines().filter(line -> line.startsWith("  ")).toList()).singleElement().asString()
                        .startsWith("  player 203999 2021-22 regular: ").contains("totals.points: cached 2011, SQL 2004");
                assertThat(verify.output()).contains("\n1 cached average(s) differ from SQL:\n");
            } finally {
                connection.sync().hincrby(jokicSums, "points", -7);
            }
        } finally {
            redis.shutdown();
        }
    }

    @Test
    @Order(6)
    void benchMeasuresTheRunningStackAndWritesItsReport(@TempDir Path reportDir) throws Exception {
        int status = CourtsideBench.run("bench", "--stats-url", stats.base().toString(), "--aggregation-url",
                aggregation.base().toString(), "--aggregation-management-url", "http://localhost:" + aggregationManagementPort,
                "--db-url", "jdbc:postgresql://localhost:" + postgresPort + "/courtside",
                "--db-user", "postgres", "--db-password", "postgres", "--redis-addr", "localhost:" + redisPort,
                "--seasons", "1", "--clients", "20", "--single-posts", "200", "--post-interval", "PT0.05S",
                "--freshness-lines", "1000", "--quiet-freshness-lines", "500", "--quiet-freshness-rate", "500", "--duration", "PT0.5S", "--warm-up", "PT0.1S", "--warm-up-lines", "500",
                "--report-dir", reportDir.toString(), "--progress", "none");

        assertThat(status).isZero();
        assertThat(Files.readString(reportDir.resolve("bench-report.md"))).contains(
                "| 1 | sustained ingest, batches of 100, accepted → aggregated |", "raw JDBC batch insert: ",
                "| 1 | single-line POST p99, 20 clients", "| 1 | freshness p99 at 2,000 lines/s |", "| 1 | freshness p99 at 500 lines/s |",
                "aggregation-service liveness: ", "stats-service SQL average: ", "| 1 | cached average GET p99, 20 clients |",
                "| 1 | full rebuild of every aggregate |", "bare SQL GROUP BY: ",
                "| 1 | ingest: CPU time of Redis's one command thread per line |", "its budget at 20,000 lines/s: 50.00 µs",
                "| 1 | full rebuild: CPU time of Redis's one command thread |");
        JsonNode json = CourtsideJson.mapper().readTree(reportDir.resolve("bench-report.json").toFile());
        assertThat(json.get("figures")).allSatisfy(figure -> assertThat(figure.get("value").isNumber())
                .as("%s has a value", figure.get("what")).isTrue());
        // Ingest and the rebuild write to Redis, so its command thread worked during both.
        assertThat(json.get("figures")).filteredOn(figure -> figure.get("what").asString().contains("Redis's one command thread"))
                .hasSize(2).allSatisfy(figure -> assertThat(figure.get("value").asDouble()).isPositive());
        // The rebuild after the bench's flush left every cached average equal to SQL.
        assertThat(verification(Duration.ofSeconds(30)).verify(Set.of(SEASON), Progress.Mode.NONE).mismatches()).isEmpty();
    }

    @Test
    @Order(7)
    void aServiceKilledWithSigkillIsStartedAgainWhileTheRestOfTheStackStaysUp() throws Exception {
        ProcessHandle killed = localRun.descendants().filter(process -> commandLine(process).contains("aggregation-service"))
                .findFirst().orElseThrow();

        assertThat(killed.destroyForcibly()).isTrue();

        awaitOutput("[courtside] aggregation-service exited with status 137; restarting it in 1 s", Duration.ofSeconds(30));
        awaitOutput("[courtside] aggregation-service is ready again", START_TIMEOUT);
        assertThat(localRun.isAlive()).isTrue();
        assertThat(localRun.descendants().filter(process -> commandLine(process).contains("aggregation-service")))
                .singleElement().satisfies(restarted -> assertThat(restarted.pid()).isNotEqualTo(killed.pid()));
        assertThat(stats.getJson("/average/player/" + JOKIC).get("games_played").asInt()).isEqualTo(74);
        ServiceClient.Answer cached = aggregation.get("/average/player/" + JOKIC);
        assertThat(cached.status()).isEqualTo(200);
        assertThat(cached.json().get("games_played").asInt()).isEqualTo(74);
    }

    @Test
    @Order(8)
    void sigtermStopsTheServicesAndEveryServerWithNoProcessLeft() throws Exception {
        List<ProcessHandle> started = Stream.concat(localRun.descendants(), serverProcessesOf(dataDir, redisPort)).distinct().toList();
        assertThat(started).extracting(LocalRunTests::commandLine)
                .anyMatch(cmd -> cmd.contains("postgres")).anyMatch(cmd -> cmd.contains("redis-server"))
                .anyMatch(cmd -> cmd.contains("stats-service")).anyMatch(cmd -> cmd.contains("aggregation-service"));

        localRun.destroy();

        assertThat(localRun.waitFor(90, TimeUnit.SECONDS)).isTrue();
        Instant deadline = Instant.now().plusSeconds(10);
        while (started.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(started).filteredOn(ProcessHandle::isAlive).extracting(LocalRunTests::commandLine).isEmpty();
        assertThat(serverProcessesOf(dataDir, redisPort).toList()).isEmpty();
        assertThat(Files.readString(output)).contains("[courtside] stopped");
    }

    /** What a command returned and printed on standard output meanwhile (still printed too, for the test's report). */
    private record Printed(int status, String output) {
    }

    @FunctionalInterface
    private interface Command {
        int run() throws Exception;
    }

    private static Printed printedBy(Command command) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                printed.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                printed.write(bytes, offset, length);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            int status = command.run();
            System.out.flush();
            return new Printed(status, printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private CacheVerification verification(Duration settle) {
        return new CacheVerification(stats, aggregation, 8, settle);
    }

    /** The PostgreSQL and Redis processes serving this run, found by their data folder or port. */
    private static Stream<ProcessHandle> serverProcessesOf(Path dataDir, int redisPort) {
        return ProcessHandle.allProcesses().filter(process -> {
            String cmd = commandLine(process);
            return cmd.contains(dataDir.toString()) || (cmd.contains("redis-server") && cmd.contains(Integer.toString(redisPort)));
        });
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse(process.info().command().orElse("?"));
    }

    private void awaitOutput(String expected, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(output).contains(expected)) {
                return;
            }
            if (!localRun.isAlive()) {
                break;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the local run did not print \"%s\"; its output ends with:%n%s".formatted(expected,
                tail(Files.readString(output))));
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static Path runnableJar(String module) throws IOException {
        return ServiceProcess.runnableJar(ROOT, module);
    }
}
