package courtside.bench.measure;

import courtside.bench.ServiceClient;
import courtside.embedded.EmbeddedStack;
import courtside.embedded.ServiceProcess;
import courtside.embedded.StackSettings;
import courtside.embedded.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the bench measures: both services, and the PostgreSQL and Redis behind them for the ceilings (a raw
 * JDBC insert, the bare GROUP BY) and the flush before a rebuild. Either a stack already running somewhere, or
 * one the bench starts itself on embedded servers, each service as its own JVM so that its startup time and
 * resident memory are its own.
 */
final class BenchStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    /** How to reach PostgreSQL as the schema's owner. */
    record Database(String jdbcUrl, String user, String password) {
    }

    private final ServiceClient stats;
    private final ServiceClient aggregation;
    /** aggregation-service's management port: the rebuild operation and its metrics. */
    private final ServiceClient aggregationManagement;
    private final Database database;
    private final URI redis;
    private final Map<String, ServiceProcess> processes;
    private final EmbeddedStack embedded;
    /** How the services were launched, to launch them again the same way ({@link #restart}). */
    private final Launch launch;

    /** The environment, JVM options and log folder the services were launched with. */
    private record Launch(Map<String, String> environment, List<String> jvmOptions, Path logDir) {

        Path log(ServiceProcess.Service service) {
            return logDir.resolve(service.name() + ".log");
        }
    }

    private static ServiceProcess launchReady(ServiceProcess.Service service, Launch launch, ProcessBuilder.Redirect output)
            throws IOException, InterruptedException {
        ServiceProcess process = ServiceProcess.launch(service, launch.environment(), launch.jvmOptions(), output);
        if (!process.awaitReady(READY_TIMEOUT)) {
            process.close();
            throw new IllegalStateException("%s did not become ready within %d s; see %s".formatted(
                    service.name(), READY_TIMEOUT.toSeconds(), launch.log(service)));
        }
        return process;
    }

    private BenchStack(ServiceClient stats, ServiceClient aggregation, ServiceClient aggregationManagement, Database database,
                       URI redis, Map<String, ServiceProcess> processes, EmbeddedStack embedded, Launch launch) {
        this.stats = stats;
        this.aggregation = aggregation;
        this.aggregationManagement = aggregationManagement;
        this.database = database;
        this.redis = redis;
        this.processes = processes;
        this.embedded = embedded;
        this.launch = launch;
    }

    static BenchStack running(URI stats, URI aggregation, URI aggregationManagement, Database database, URI redis,
                              Optional<String> apiKey) {
        return new BenchStack(new ServiceClient(stats, apiKey), new ServiceClient(aggregation, Optional.empty()),
                new ServiceClient(aggregationManagement, Optional.empty()), database, redis, Map.of(), null, null);
    }

    /**
     * Starts PostgreSQL, Kafka and Redis on free ports and temporary folders, then stats-service and, once it is
     * ready, aggregation-service: one at a time, so that each startup is timed alone. Their logs go to files in
     * {@code logDir}.
     */
    static BenchStack start(Path statsJar, Path aggregationJar, List<String> serviceJvmOptions, Path logDir)
            throws IOException, InterruptedException {
        EmbeddedStack stack = EmbeddedStack.start(StackSettings.freePortsAndTempDirs());
        Map<String, ServiceProcess> processes = new HashMap<>();
        try {
            Map<String, String> environment = new HashMap<>(stack.environment());
            environment.put("LOG_FORMAT", "");
            environment.remove("STATS_API_KEY");
            // The bench is one client on loopback sending thousands of requests a second: outside the rate limits.
            environment.put("COURTSIDE_RATELIMIT_UNLIMITEDCLIENTS", "127.0.0.1,0:0:0:0:0:0:0:1");
            // The bench's own stack, on loopback: its clients post without a key.
            environment.put("STATS_ANONYMOUS_WRITES", "true");
            Launch launch = new Launch(Map.copyOf(environment), List.copyOf(serviceJvmOptions), logDir);
            for (ServiceProcess.Service service : List.of(
                    new ServiceProcess.Service("stats-service", statsJar, FreePorts.pick()),
                    new ServiceProcess.Service("aggregation-service", aggregationJar, FreePorts.pick()))) {
                processes.put(service.name(), launchReady(service, launch, ProcessBuilder.Redirect.to(launch.log(service).toFile())));
            }
            return new BenchStack(new ServiceClient(processes.get("stats-service").service().baseUri(), Optional.empty()),
                    new ServiceClient(processes.get("aggregation-service").service().baseUri(), Optional.empty()),
                    new ServiceClient(processes.get("aggregation-service").service().managementUri(), Optional.empty()),
                    new Database(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password()),
                    URI.create("redis://" + stack.redis().address()), processes, stack, launch);
        } catch (IOException | InterruptedException | RuntimeException e) {
            processes.values().forEach(ServiceProcess::close);
            stack.close();
            throw e;
        }
    }

    ServiceClient stats() {
        return stats;
    }

    ServiceClient aggregation() {
        return aggregation;
    }

    ServiceClient aggregationManagement() {
        return aggregationManagement;
    }

    Database database() {
        return database;
    }

    URI redis() {
        return redis;
    }

    /**
     * The parts whose CPU time the bench can tell apart, when it started them: each service, PostgreSQL (the
     * postmaster and every backend it forked), Redis, and this JVM, which holds the bench client and the
     * in-process Kafka broker. Empty against a running stack.
     */
    List<CpuShares.Part> cpuParts() {
        if (embedded == null) {
            return List.of();
        }
        long postmaster = postmasterPid(embedded.postgres().dataDir());
        String redisPort = Integer.toString(embedded.redis().port());
        long self = ProcessHandle.current().pid();
        return List.of(
                new CpuShares.Part("stats-service", p -> p.pid() == processes.get("stats-service").pid()),
                new CpuShares.Part("aggregation-service", p -> p.pid() == processes.get("aggregation-service").pid()),
                new CpuShares.Part("PostgreSQL", p -> p.pid() == postmaster
                        || p.parent().map(parent -> parent.pid() == postmaster).orElse(false)),
                new CpuShares.Part("Redis", p -> {
                    String commandLine = rawCommandLine(p);
                    return commandLine.contains("redis-server") && commandLine.contains(":" + redisPort);
                }),
                new CpuShares.Part("bench client + Kafka broker", p -> p.pid() == self));
    }

    /** {@code /proc/PID/cmdline} as it is: Redis rewrites its own ({@code redis-server host:port}), which the JDK may not parse. */
    private static String rawCommandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** PostgreSQL writes the postmaster's pid on the first line of {@code postmaster.pid} in its data folder. */
    private static long postmasterPid(Path dataDir) {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
        } catch (IOException | RuntimeException unknown) {
            return -1;
        }
    }

    /**
     * Stops the service (a graceful shutdown) and starts it again on the same port, as a rolling restart does:
     * against the database, topic and cache as the load left them.
     *
     * @return from launch to ready
     */
    Duration restart(String name) throws IOException, InterruptedException {
        ServiceProcess old = processes.get(name);
        if (old == null) {
            throw new IllegalStateException(name + " was not started by the bench");
        }
        old.close();
        ServiceProcess restarted = launchReady(old.service(), launch, ProcessBuilder.Redirect.appendTo(launch.log(old.service()).toFile()));
        processes.put(name, restarted);
        return restarted.startup().orElseThrow();
    }

    /** The service's process when the bench started it; empty against a running stack. */
    Optional<ServiceProcess> process(String service) {
        return Optional.ofNullable(processes.get(service));
    }

    @Override
    public void close() {
        stats.close();
        aggregation.close();
        aggregationManagement.close();
        processes.values().forEach(ServiceProcess::close);
        if (embedded != null) {
            embedded.close();
        }
    }
}
