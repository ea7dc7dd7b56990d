package courtside.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker running in this JVM: one KRaft node that is both broker and controller, on a fixed
 * client port and log directory, so it can be stopped and started again to simulate an outage with its
 * topics and committed records kept.
 *
 * <p>On the first start the log directory is formatted like {@code kafka-storage.sh format} does (a new
 * cluster id, written to {@code meta.properties} in the directory); later starts find {@code meta.properties}
 * and reuse the cluster as it is.
 *
 * <p>{@link #start()} after a {@link #stop()} waits for the broker to be ready, as the first start does, and
 * finds the topics and records the stop left in the log directory.
 */
public final class KraftBroker extends ServerNode {

    private static final Logger log = LoggerFactory.getLogger(KraftBroker.class);

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicBoolean EXIT_GUARDED = new AtomicBoolean();

    private final int port;
    private final int controllerPort;
    private final Path logDir;

    /** Set while the broker runs. */
    private KafkaRaftServer server;

    private KraftBroker(int port, int controllerPort, Path logDir, boolean ownsLogDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        super("Kafka broker on port " + port, "kafka-" + port, ownsLogDir ? logDir : null);
    }

    /**
     * Starts the broker and returns once it answers metadata requests and every existing partition has a
     * leader, so callers can produce at once.
     *
     * @param port   the client (PLAINTEXT) port on 127.0.0.1, or 0 for a free one that is then kept; the
     *               controller listener gets another free port, also kept for restarts
     * @param logDir the log directory (records and the KRaft metadata log), kept between starts (and runs);
     *               {@code null} for a temporary directory deleted on {@link #close()}
     */
    public static KraftBroker start(int port, Path logDir) {
        int clientPort = FreePorts.resolve(port);
        int controllerPort = FreePorts.pick();
        return startOrClose(logDir == null
                ? new KraftBroker(clientPort, controllerPort, Cleanup.createTempDirectory("courtside-kafka-"), true)
                : new KraftBroker(clientPort, controllerPort, logDir.toAbsolutePath(), false));
    }

    @Override
    void startServer() {
        guardJvmExit();
        QuietServerLogging.apply();
        Cleanup.createDirectories(logDir);
        formatIfNew();

        long startedAt = System.nanoTime();
        // false: do not log the ~300 lines of "KafkaConfig values" on every start.
        KafkaRaftServer candidate = new KafkaRaftServer(new KafkaConfig(brokerConfig(), false), Time.SYSTEM);
        try {
            candidate.startup();
            awaitReady();
        } catch (RuntimeException e) {
            shutdown(candidate);
            throw e;
        }
        server = candidate;
        log.info("Kafka broker ready on {} in {} ms (log dir {})",
                bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), logDir);
    }

    @Override
    void stopServer() {
        long stoppingAt = System.nanoTime();
        KafkaRaftServer stopping = server;
        server = null;
        shutdown(stopping);
        log.info("Kafka broker on {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
    }

    /** {@code 127.0.0.1:PORT}: the listener binds the IPv4 loopback only, so no client tries ::1 first. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public String toString() {
        return "KraftBroker[" + bootstrapServers() + ", controller " + HOST + ":" + controllerPort + ", " + logDir + "]";
    }

    private Map<String, Object> brokerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        config.put("metadata.log.dir", logDir.toString());

        // One node: every internal topic has one replica and needs one in sync.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        // Fewer internal partitions: each costs log files and start time; nothing here needs 50.
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.num.partitions", "5");

        // The services create their topics with the partition count they rely on; auto-creation would
        // hide a missing or wrong topic declaration.
        config.put("auto.create.topics.enable", "false");
        config.put("num.partitions", "1");
        // A test's consumer group should get its partitions at once, not after 3 s.
        config.put("group.initial.rebalance.delay.ms", "0");

        // Small footprint for a test JVM: the cleaner's dedupe buffer is 128 MiB of heap by default.
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        config.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        config.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "4");
        config.put("background.threads", "4");
        config.put("num.recovery.threads.per.data.dir", "1");
        config.put("num.replica.fetchers", "1");
        return config;
    }

    /**
     * Formats the log directory once. The cluster id generated here lands in {@code meta.properties}, which
     * is how a restart (in this JVM or the next run) finds and reuses the same cluster.
     */
    private void formatIfNew() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka log directory " + logDir, e);
        }
        log.debug("formatted {} for cluster {}", logDir, clusterId);
    }

    /**
     * Waits until the broker is registered and unfenced (it shows in describeCluster) and every partition
     * already on disk has a leader again, which after a restart takes a moment longer than the socket.
     */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception lastProblem = null;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-stack-readiness"))) {
            while (System.nanoTime() < deadline) {
                try {
                    if (isReady(admin)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastProblem = e;
                }
                sleep(Duration.ofMillis(50));
            }
        }
        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " not ready after " + READY_TIMEOUT, lastProblem);
    }

    private static boolean isReady(Admin admin) throws ExecutionException, TimeoutException {
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            if (nodes.stream().noneMatch(node -> node.id() == NODE_ID)) {
                return false;
            }
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(5, TimeUnit.SECONDS);
            if (topics.isEmpty()) {
                return true;
            }
            Collection<TopicDescription> descriptions =
                    admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values();
            return descriptions.stream()
                    .flatMap(description -> description.partitions().stream())
                    .map(TopicPartitionInfo::leader)
                    .allMatch(leader -> leader != null && leader.id() == NODE_ID);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * Kafka's fatal-fault handlers call {@code Exit.halt}/{@code Exit.exit}, which would kill the test JVM
     * (or the local run) without a word. In-process, a fatal broker fault is reported as an exception in the
     * Kafka thread and in the log instead. JVM-wide and set once, as Kafka's own test harness does.
     */
    private static void guardJvmExit() {
        if (!EXIT_GUARDED.compareAndSet(false, true)) {
            return;
        }
        Exit.setExitProcedure((status, message) -> {
            log.error("embedded Kafka asked to exit the JVM (status {}): {}", status, message);
            throw new IllegalStateException("embedded Kafka asked to exit the JVM (status " + status + "): " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            log.error("embedded Kafka asked to halt the JVM (status {}): {}", status, message);
            throw new IllegalStateException("embedded Kafka asked to halt the JVM (status " + status + "): " + message);
        });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
