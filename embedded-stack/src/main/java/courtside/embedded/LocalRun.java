package courtside.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The local run: PostgreSQL, Kafka and Redis from Maven artifacts on fixed ports, with their data kept in a
 * folder between runs, and each courtside service started as its own JVM, configured through the same
 * environment variables as in production. Ctrl-C or SIGTERM stops the services first, then the servers.
 *
 * <pre>
 * java -jar embedded-stack-exec.jar [--data-dir DIR] [--clean] [--postgres-port N] [--kafka-port N]
 *      [--redis-port N] [--service NAME=JAR:PORT]...
 * </pre>
 */
public final class LocalRun {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    /** A service to run: its name, its runnable jar and the port it answers on. */
    record Service(String name, Path jar, int port) {

        static Service parse(String spec) {
            int equals = spec.indexOf('=');
            int colon = spec.lastIndexOf(':');
            if (equals < 1 || colon < equals) {
                throw new IllegalArgumentException("--service takes NAME=JAR:PORT, not " + spec);
            }
            return new Service(spec.substring(0, equals), Path.of(spec.substring(equals + 1, colon)),
                    Integer.parseInt(spec.substring(colon + 1)));
        }
    }

    /** What the command line asks for. */
    record Options(Path dataDir, boolean clean, int postgresPort, int kafkaPort, int redisPort, List<Service> services) {

        static Options parse(String[] args) {
            Path dataDir = Path.of(".courtside", "data");
            boolean clean = false;
            int postgresPort = 15432;
            int kafkaPort = 19092;
            int redisPort = 16379;
            List<Service> services = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data-dir" -> dataDir = Path.of(args[++i]);
                    case "--clean" -> clean = true;
                    case "--postgres-port" -> postgresPort = Integer.parseInt(args[++i]);
                    case "--kafka-port" -> kafkaPort = Integer.parseInt(args[++i]);
                    case "--redis-port" -> redisPort = Integer.parseInt(args[++i]);
                    case "--service" -> services.add(Service.parse(args[++i]));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --data-dir DIR, --clean, --postgres-port N, --kafka-port N, --redis-port N,"
                            + " --service NAME=JAR:PORT");
                }
            }
            return new Options(dataDir, clean, postgresPort, kafkaPort, redisPort, List.copyOf(services));
        }
    }

    private final Options options;
    /** Read by the main thread while the shutdown hook stops the processes: a concurrent map, never cleared. */
    private final Map<Service, Process> running = new ConcurrentHashMap<>();
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
        System.exit(run.runUntilAServiceExits());
    }

    private int runUntilAServiceExits() throws IOException, InterruptedException {
        if (options.clean()) {
            Cleanup.deleteRecursively(options.dataDir());
            say("data folder %s cleaned", options.dataDir());
        }
        Files.createDirectories(options.dataDir());
        stack = EmbeddedStack.start(new StackSettings(options.postgresPort(), options.kafkaPort(), options.redisPort(),
                options.dataDir().toAbsolutePath()));
        say("%-19s %s (user %s, data in %s)", "postgresql", stack.postgres().jdbcUrl(), stack.postgres().user(),
                options.dataDir().resolve("postgres"));
        say("%-19s %s (KRaft, data in %s)", "kafka", stack.kafka().bootstrapServers(), options.dataDir().resolve("kafka"));
        say("%-19s %s", "redis", stack.redis().address());
        for (Service service : options.services()) {
            running.put(service, launch(service));
        }
        for (Service service : options.services()) {
            if (!awaitReady(service)) {
                return 1;
            }
        }
        say("ready: Ctrl-C stops everything");
        while (!stopping) {
            for (Map.Entry<Service, Process> entry : running.entrySet()) {
                if (entry.getValue().waitFor(200, TimeUnit.MILLISECONDS) && !stopping) {
                    say("%s exited with status %d; stopping", entry.getKey().name(), entry.getValue().exitValue());
                    return 1;
                }
            }
        }
        return 0;
    }

    private Process launch(Service service) throws IOException {
        if (!Files.isRegularFile(service.jar())) {
            throw new IllegalStateException(service.jar() + " not found: build first with ./mvnw -DskipTests package");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        // kafka-clients and lz4-java still use sun.misc.Unsafe and native access, which JDK 25 warns about.
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-jar", service.jar().toString()).inheritIO();
        Map<String, String> environment = builder.environment();
        environment.putAll(stack.environment());
        environment.put(service.name().replace("-service", "").toUpperCase() + "_PORT", Integer.toString(service.port()));
        // Plain text logs on a terminal unless the caller chose a structured format.
        environment.putIfAbsent("LOG_FORMAT", "");
        return builder.start();
    }

    /** Whether the service answered ready in time; says so either way. */
    private boolean awaitReady(Service service) throws InterruptedException {
        URI readiness = URI.create("http://localhost:" + service.port() + "/actuator/health/readiness");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (Instant.now().isBefore(deadline) && running.get(service).isAlive()) {
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        say("%-19s http://localhost:%d (API docs: /swagger-ui.html)", service.name(), service.port());
                        return true;
                    }
                } catch (IOException notYet) {
                    // Still starting.
                }
                Thread.sleep(250);
            }
        }
        say("%s did not become ready within %d s; stopping", service.name(), READY_TIMEOUT.toSeconds());
        return false;
    }

    /** Services first (they flush and close their connections), then the servers they use. */
    private synchronized void stop() {
        stopping = true;
        running.values().forEach(Process::destroy);
        for (Map.Entry<Service, Process> entry : running.entrySet()) {
            try {
                if (!entry.getValue().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    entry.getValue().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                entry.getValue().destroyForcibly();
            }
        }
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
