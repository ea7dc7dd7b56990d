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
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A courtside service running as its own JVM from its runnable jar, configured through the production
 * environment variables: how the local run and the benchmark start stats-service and aggregation-service, so
 * that each has its own heap, startup time and resident memory to measure.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Memory as in docker-compose.yml: the JVM sizes itself for a 768 MB container and takes 25% of it for the heap,
     * which leaves room for metaspace, code, the mapped AOT cache and buffers under the 512 MB of resident memory of
     * docs/design.md section 9 (the Dockerfile gives the same percentage of the container's real limit). G1 stays
     * the collector. Why 25% and G1: the measurements in docs/performance/README.md ("Measurements behind the
     * settings"). An OutOfMemoryError ends the service, as in the Dockerfile, rather than leaving a consumer stopped
     * in a live process.
     */
    public static final List<String> MEMORY_OPTIONS = List.of("-XX:MaxRAM=768m", "-XX:MaxRAMPercentage=25",
            "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError");

    /**
     * The bean definitions Spring AOT worked out at build time (each service's {@code process-aot}), as in the
     * Dockerfile: a faster start (docs/performance/README.md). The conditions of the auto-
     * configuration were evaluated at build time, with the packaged application.yml.
     */
    public static final String SPRING_AOT = "-Dspring.aot.enabled=true";

    /**
     * A service to run: its name ({@code stats-service}), its runnable jar, the port it answers on and the port of its
     * management endpoints (health, metrics, operations), which listens on loopback only.
     */
    public record Service(String name, Path jar, int port, int managementPort) {

        /** On a free management port. */
        public Service(String name, Path jar, int port) {
            this(name, jar, port, FreePorts.pick());
        }

        /** {@code NAME=JAR:PORT[:MANAGEMENT_PORT]}, as the local run's {@code --service} option takes it. */
        public static Service parse(String spec) {
            int equals = spec.indexOf('=');
            String[] ports = spec.substring(equals + 1).split(":");
            if (equals < 1 || ports.length < 2 || !ports[ports.length - 1].matches("\\d+")) {
                throw new IllegalArgumentException("--service takes NAME=JAR:PORT[:MANAGEMENT_PORT], not " + spec);
            }
            boolean withManagement = ports.length >= 3 && ports[ports.length - 2].matches("\\d+");
            int port = Integer.parseInt(ports[ports.length - (withManagement ? 2 : 1)]);
            String jar = String.join(":", Arrays.copyOf(ports, ports.length - (withManagement ? 2 : 1)));
            Path jarPath = Path.of(jar);
            return withManagement
                    ? new Service(spec.substring(0, equals), jarPath, port, Integer.parseInt(ports[ports.length - 1]))
                    : new Service(spec.substring(0, equals), jarPath, port);
        }

        /** The variable the service reads its port from: {@code STATS_PORT} for stats-service. */
        String portVariable() {
            return prefix() + "_PORT";
        }

        /** {@code STATS_MANAGEMENT_PORT} for stats-service. */
        String managementPortVariable() {
            return prefix() + "_MANAGEMENT_PORT";
        }

        private String prefix() {
            return name.replace("-service", "").toUpperCase(Locale.ROOT);
        }

        public URI baseUri() {
            return URI.create("http://localhost:" + port);
        }

        /** Health, metrics, OpenAPI and operations ({@code /actuator/...}). */
        public URI managementUri() {
            return URI.create("http://localhost:" + managementPort);
        }
    }

    private final Service service;
    private final Process process;
    private final Instant launchedAt;
    private volatile Duration startup;

    private ServiceProcess(Service service, Process process, Instant launchedAt) {
        this.service = service;
        this.process = process;
        this.launchedAt = launchedAt;
    }

    /** The {@code java} launcher of this JVM, so that every process started from here runs on the same JDK. */
    public static String thisJava() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** A module's runnable jar as Maven builds it: {@code MODULE/target/MODULE-VERSION-exec.jar} under the project root. */
    public static Path runnableJar(Path projectRoot, String module) throws IOException {
        try (Stream<Path> jars = Files.list(projectRoot.resolve(module).resolve("target"))) {
            return jars.filter(jar -> jar.getFileName().toString().matches(module + "-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(module + "'s runnable jar is not built: ./mvnw -DskipTests package"));
        }
    }

    /**
     * Starts the service's jar with the same JVM as this one, {@code environment} added to this process's own
     * (the stack's addresses), and its output and errors sent to {@code output} ({@code Redirect.INHERIT}: this
     * process's console).
     */
    public static ServiceProcess launch(Service service, Map<String, String> environment, List<String> jvmOptions,
                                        ProcessBuilder.Redirect output) throws IOException {
        if (!Files.isRegularFile(service.jar())) {
            throw new IllegalStateException(service.jar() + " not found: build first with ./mvnw -DskipTests package");
        }
        String java = thisJava();
        List<String> options = new ArrayList<>(MEMORY_OPTIONS);
        options.add(SPRING_AOT);
        // kafka-clients and lz4-java still use sun.misc.Unsafe and native access, which JDK 25 warns about.
        options.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        options.addAll(jvmOptions);
        Map<String, String> serviceEnvironment = new HashMap<>(environment);
        serviceEnvironment.put(service.portVariable(), Integer.toString(service.port()));
        serviceEnvironment.put(service.managementPortVariable(), Integer.toString(service.managementPort()));
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(options);
        command.addAll(AotCache.startArguments(service, java, options, serviceEnvironment)
                .orElse(List.of("-jar", service.jar().toString())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        builder.environment().putAll(serviceEnvironment);
        // As in the Dockerfiles: glibc gives each thread that allocates natively an arena of its own, up to 8 per
        // core, and their pages stay resident; two arenas keep that memory inside the 512 MB a service may hold.
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        Instant launchedAt = Instant.now();
        return new ServiceProcess(service, builder.start(), launchedAt);
    }

    public Service service() {
        return service;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the process has exited within {@code timeout}. */
    public boolean waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int exitValue() {
        return process.exitValue();
    }

    /**
     * Waits until the service's readiness probe answers 200, and records how long that took since launch;
     * {@code false} when the process exits or {@code timeout} passes first.
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        URI readiness = service.managementUri().resolve("/actuator/health/readiness");
        Instant deadline = Instant.now().plus(timeout);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readiness)
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        startup = Duration.between(launchedAt, Instant.now());
                        return true;
                    }
                } catch (IOException notYet) {
                    // Still starting.
                }
                Thread.sleep(50);
            }
        }
        return false;
    }

    /** From launch to the first ready answer, once {@link #awaitReady} has seen it. */
    public Optional<Duration> startup() {
        return Optional.ofNullable(startup);
    }

    /**
     * The most memory the process has held resident so far ({@code VmHWM} of {@code /proc/PID/status}), in
     * bytes; empty where {@code /proc} does not exist or the process has exited.
     */
    public Optional<Long> peakResidentBytes() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException notReadable) {
            // No /proc (not Linux) or the process is gone.
        }
        return Optional.empty();
    }

    /** Asks the service to stop (SIGTERM: a graceful shutdown), and kills it when it has not within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
