package courtside.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The local run: PostgreSQL, Kafka and Redis from Maven artifacts on fixed ports, with their data kept in a
 * folder between runs, and each courtside service started as its own JVM, configured through the same
 * environment variables as in production. With {@code --replay}, the bench client then posts the bundled
 * 2021-22 season through stats-service, as scorekeepers would. A service that dies is started again with a growing
 * delay ({@link RestartingService}), the rest of the stack staying up. Ctrl-C or SIGTERM stops the services first,
 * then the servers.
 *
 * <pre>
 * java -jar embedded-stack-exec.jar [--data-dir DIR] [--clean] [--postgres-port N] [--kafka-port N]
 *      [--redis-port N] [--service NAME=JAR:PORT[:MANAGEMENT_PORT]]... [--replay BENCH_CLASSPATH]
 * </pre>
 */
public final class LocalRun {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** The bench client's entry point, run from {@code --replay}'s classpath. */
    private static final String BENCH_MAIN_CLASS = "courtside.bench.CourtsideBench";

    /** What the command line asks for. */
    record Options(Path dataDir, boolean clean, int postgresPort, int kafkaPort, int redisPort,
                   List<ServiceProcess.Service> services, Optional<String> replayClasspath) {

        static Options parse(String[] args) {
            Path dataDir = Path.of(".courtside", "data");
            boolean clean = false;
            int postgresPort = 15432;
            int kafkaPort = 19092;
            int redisPort = 16379;
            List<ServiceProcess.Service> services = new ArrayList<>();
            String replayClasspath = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data-dir" -> dataDir = Path.of(args[++i]);
                    case "--clean" -> clean = true;
                    case "--postgres-port" -> postgresPort = Integer.parseInt(args[++i]);
                    case "--kafka-port" -> kafkaPort = Integer.parseInt(args[++i]);
                    case "--redis-port" -> redisPort = Integer.parseInt(args[++i]);
                    case "--service" -> services.add(ServiceProcess.Service.parse(args[++i]));
                    case "--replay" -> replayClasspath = args[++i];
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --data-dir DIR, --clean, --postgres-port N, --kafka-port N, --redis-port N,"
                            + " --service NAME=JAR:PORT[:MANAGEMENT_PORT], --replay BENCH_CLASSPATH");
                }
            }
            for (String needed : List.of("stats-service", "aggregation-service")) {
                if (replayClasspath != null && services.stream().noneMatch(s -> s.name().equals(needed))) {
                    throw new IllegalArgumentException("--replay posts through stats-service and waits for "
                            + "aggregation-service: add --service " + needed + "=JAR:PORT");
                }
            }
            return new Options(dataDir, clean, postgresPort, kafkaPort, redisPort, List.copyOf(services),
                    Optional.ofNullable(replayClasspath));
        }
    }

    private final Options options;
    /** Read by the main thread while the shutdown hook stops the processes: a thread-safe list. */
    private final List<RestartingService> running = new CopyOnWriteArrayList<>();
    private volatile Process replay;
    private EmbeddedStack stack;
    private volatile boolean stopping;

    private LocalRun(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (RuntimeException e) {
            System.err.println("courtside local run: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalRun run = new LocalRun(options);
        Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "local-run-shutdown"));
        System.exit(run.runUntilStopped());
    }

    private int runUntilStopped() throws IOException, InterruptedException {
        if (options.clean()) {
            Cleanup.deleteRecursively(options.dataDir());
            say("data folder %s cleaned", options.dataDir());
        }
        Files.createDirectories(options.dataDir());
        stack = EmbeddedStack.start(new StackSettings(options.postgresPort(), options.kafkaPort(), options.redisPort(),
                options.dataDir().toAbsolutePath()));
        say("%-19s %s (stats-service as %s, its migrations as %s; data in %s)", "postgresql", stack.postgres().jdbcUrl(),
                stack.environment().get("DB_USER"), stack.environment().get("DB_MIGRATION_USER"),
                options.dataDir().resolve("postgres"));
        say("%-19s %s (KRaft, data in %s)", "kafka", stack.kafka().bootstrapServers(), options.dataDir().resolve("kafka"));
        say("%-19s %s (maxmemory %s, noeviction)", "redis", stack.redis().address(), RedisNode.MAX_MEMORY);
        Map<String, String> environment = new HashMap<>(stack.environment());
        // Plain text logs on a terminal unless the caller chose a structured format.
        environment.put("LOG_FORMAT", System.getenv().getOrDefault("LOG_FORMAT", ""));
        // The bench's replay and verify run from this machine at thousands of requests a second: loopback is outside
        // the rate limits here unless the caller says otherwise (an empty value puts it back under them).
        environment.put("COURTSIDE_RATELIMIT_UNLIMITEDCLIENTS",
                System.getenv().getOrDefault("COURTSIDE_RATELIMIT_UNLIMITEDCLIENTS", "127.0.0.1,0:0:0:0:0:0:0:1"));
        String apiKey = System.getenv("STATS_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            // stats-service refuses to start without a key unless told on purpose: here, on loopback, it is.
            environment.put("STATS_ANONYMOUS_WRITES", "true");
            say("writes are anonymous (local run only); set STATS_API_KEY to require X-API-Key as in production");
        } else {
            say("writes need one of the keys of STATS_API_KEY in X-API-Key");
        }
        Instant now = Instant.now();
        for (ServiceProcess.Service service : options.services()) {
            running.add(new RestartingService(service,
                    s -> ServiceProcess.launch(s, environment, List.of(), ProcessBuilder.Redirect.INHERIT), now));
        }
        for (RestartingService service : running) {
            if (!service.process().awaitReady(READY_TIMEOUT)) {
                say("%s did not become ready within %d s; stopping", service.service().name(), READY_TIMEOUT.toSeconds());
                return 1;
            }
            say("%-19s %s (health, metrics, OpenAPI: %s/actuator)", service.service().name(), service.service().baseUri(),
                    service.service().managementUri());
        }
        say("ready: Ctrl-C stops everything");
        if (options.replayClasspath().isPresent()) {
            replaySampleSeason(options.replayClasspath().get());
        }
        while (!stopping) {
            superviseOnce();
            Thread.sleep(200);
        }
        return 0;
    }

    /** Restarts what died; synchronized with {@link #stop()}, so that nothing is started while the run stops. */
    private synchronized void superviseOnce() {
        for (RestartingService service : running) {
            if (stopping) {
                return;
            }
            Optional<String> news = service.watch(Instant.now());
            if (news.isPresent()) {
                say("%s", news.get());
                if (news.get().contains("started again")) {
                    announceWhenReady(service.process());
                }
            }
        }
    }

    private void announceWhenReady(ServiceProcess process) {
        Thread.ofVirtual().name("ready-" + process.service().name()).start(() -> {
            try {
                if (process.awaitReady(READY_TIMEOUT) && !stopping) {
                    say("%s is ready again", process.service().name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Posts the bundled season through stats-service with the bench client, in a JVM of its own, then waits with
     * the client's {@code verify} until aggregation-service has caught up: stats-service takes lines faster than
     * the cache applies them, and "loaded" should mean that both services answer the season. Lines already
     * stored answer {@code unchanged}, so this is harmless on a second run over the same data.
     */
    private void replaySampleSeason(String benchClasspath) throws IOException, InterruptedException {
        URI stats = baseUri("stats-service");
        say("loading the bundled 2021-22 season through %s", stats);
        int status = bench(benchClasspath, "replay", "--stats-url", stats.toString());
        if (status == 0 && !stopping) {
            status = bench(benchClasspath, "verify", "--stats-url", stats.toString(),
                    "--aggregation-url", baseUri("aggregation-service").toString(), "--settle", "PT2M");
        }
        if (!stopping) {
            say(status == 0 ? "sample season loaded" : "the sample season stopped with status %d; the services keep running",
                    status);
        }
    }

    private int bench(String benchClasspath, String... command) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(ServiceProcess.thisJava(), "-cp", benchClasspath, BENCH_MAIN_CLASS));
        arguments.addAll(List.of(command));
        replay = new ProcessBuilder(arguments).inheritIO().start();
        return replay.waitFor();
    }

    private URI baseUri(String service) {
        return running.stream().filter(s -> s.service().name().equals(service)).findFirst()
                .orElseThrow().service().baseUri();
    }

    /** The replay first, then the services (they flush and close their connections), then their servers. */
    private synchronized void stop() {
        stopping = true;
        if (replay != null) {
            replay.destroy();
        }
        running.forEach(RestartingService::close);
        if (stack != null) {
            stack.close();
            stack = null;
            say("stopped");
        }
    }

    private static void say(String format, Object... args) {
        System.out.println("[courtside] " + format.formatted(args));
    }
}
