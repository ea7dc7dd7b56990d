package courtside.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, Kafka and Redis together: everything the services need outside themselves, started from
 * Maven artifacts (no Docker), for the integration tests and the local run.
 *
 * <p>Tests use {@link #shared()}. A test that stops one of its servers to simulate an outage starts it again
 * (same port, same data) before it ends, so the other tests in the JVM find it as they expect.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    /** The role stats-service runs as: only rights on rows, created by its migrations. */
    public static final String RUNTIME_ROLE = "courtside";

    private static EmbeddedStack shared;

    private final PostgresNode postgres;
    private final KraftBroker kafka;
    private final RedisNode redis;

    private EmbeddedStack(PostgresNode postgres, KraftBroker kafka, RedisNode redis) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.redis = redis;
    }

    /**
     * Starts the three servers in parallel (they do not depend on each other) and returns when all of them
     * accept connections. If one fails, the others are closed again before the failure is thrown.
     */
    public static EmbeddedStack start(StackSettings settings) {
        long startedAt = System.nanoTime();
        try (ExecutorService starter = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("embedded-stack-start-", 1).daemon().factory())) {
            CompletableFuture<PostgresNode> postgres = CompletableFuture.supplyAsync(
                    timed("PostgreSQL", () -> PostgresNode.start(settings.postgresPort(), settings.postgresDir())), starter);
            CompletableFuture<KraftBroker> kafka = CompletableFuture.supplyAsync(
                    timed("Kafka", () -> KraftBroker.start(settings.kafkaPort(), settings.kafkaDir())), starter);
            CompletableFuture<RedisNode> redis = CompletableFuture.supplyAsync(
                    timed("Redis", () -> RedisNode.start(settings.redisPort())), starter);

            List<RuntimeException> failures = new ArrayList<>();
            PostgresNode startedPostgres = await(postgres, failures);
            KraftBroker startedKafka = await(kafka, failures);
            RedisNode startedRedis = await(redis, failures);
            if (!failures.isEmpty()) {
                closeQuietly(startedRedis, startedKafka, startedPostgres);
                RuntimeException failure = failures.getFirst();
                failures.stream().skip(1).forEach(failure::addSuppressed);
                throw failure;
            }
            EmbeddedStack stack = new EmbeddedStack(startedPostgres, startedKafka, startedRedis);
            log.info("embedded stack started in {} ms: {}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), stack);
            return stack;
        }
    }

    /**
     * The stack of this JVM: started on the first call, on free ports and temporary directories, and closed
     * by a JVM shutdown hook, so a test run leaves no postmaster or redis-server behind. Do not close it from a
     * test, and start again any server a test stops: other tests in the JVM share it.
     */
    public static synchronized EmbeddedStack shared() {
        if (shared == null) {
            EmbeddedStack stack = start(StackSettings.freePortsAndTempDirs());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "embedded-stack-shutdown"));
            shared = stack;
        }
        return shared;
    }

    public PostgresNode postgres() {
        return postgres;
    }

    public KraftBroker kafka() {
        return kafka;
    }

    public RedisNode redis() {
        return redis;
    }

    /**
     * Exactly the environment variables the services read to find their backing servers, so a test or the
     * local run configures a service the same way production does.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DB_HOST", postgres.host());
        environment.put("DB_PORT", String.valueOf(postgres.port()));
        environment.put("DB_NAME", postgres.database());
        // stats-service runs as a role of its own that its migrations create; they run as the superuser.
        environment.put("DB_USER", RUNTIME_ROLE);
        environment.put("DB_PASSWORD", RUNTIME_ROLE);
        environment.put("DB_MIGRATION_USER", postgres.user());
        environment.put("DB_MIGRATION_PASSWORD", postgres.password());
        environment.put("KAFKA_BROKER", kafka.bootstrapServers());
        environment.put("REDIS_ADDR", redis.address());
        return Collections.unmodifiableMap(environment);
    }

    /** Closes Redis, Kafka and PostgreSQL, the reverse of the order they are declared in. */
    @Override
    public void close() {
        closeQuietly(redis, kafka, postgres);
    }

    @Override
    public String toString() {
        return "EmbeddedStack[" + postgres + ", " + kafka + ", " + redis + "]";
    }

    private static <T> T await(CompletableFuture<T> future, List<RuntimeException> failures) {
        try {
            return future.join();
        } catch (CompletionException e) {
            failures.add(e.getCause() instanceof RuntimeException cause ? cause : e);
            return null;
        }
    }

    /** Closes each resource even if an earlier one fails, so one stuck server does not leak the others. */
    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("could not close {}: {}", resource, e.toString());
            }
        }
    }

    /** Logs how long each server took: the slowest one is the stack's start time. */
    private static <T> Supplier<T> timed(String server, Supplier<T> start) {
        return () -> {
            long startedAt = System.nanoTime();
            T started = start.get();
            log.debug("{} started in {} ms", server, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
            return started;
        };
    }
}
