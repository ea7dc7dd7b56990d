package courtside.aggregation.ingest;

import courtside.aggregation.cache.RedisPipelines;
import courtside.embedded.EmbeddedStack;
import courtside.embedded.FreePorts;
import courtside.embedded.PostgresNode;
import courtside.embedded.RedisNode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisLoadingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Which failures of applying a batch are retried (a backend down, slow or full: it passes, or an operator fixes it,
 * and every record waits for it) and which send the record to the dead-letter topic (the same record fails the same
 * way every time: retrying it would stall its partition for good, issue 15 item 3).
 *
 * <p>The failures are raised by real servers through the same clients as the service: a Redis of this class's own
 * (it is filled, put to sleep and stopped here) and the JVM's shared PostgreSQL.
 */
class IngestFailuresTests {

    private static RedisNode redis;
    private static LettuceConnectionFactory connections;
    private static RedisPipelines pipelines;

    @BeforeAll
    static void ownRedis() {
        redis = RedisNode.start(0);
    }

    @AfterAll
    static void closeRedis() {
        redis.close();
    }

    /** Connections of each test's own: those of a test that stopped Redis are still reconnecting after it. */
    @BeforeEach
    void connect() {
        connections = connectionsTo(redis.port());
        pipelines = pipelinesOver(connections);
    }

    @AfterEach
    void redisBackAsItWas() {
        connections.destroy();
        if (!redis.isRunning()) {
            redis.start();
        }
        command("CONFIG SET maxmemory " + RedisNode.MAX_MEMORY);
        command("FLUSHALL");
    }

    @Nested
    class DeterministicFailuresGoToTheDeadLetterTopic {

        @Test
        void aRedisCommandOnAKeyOfTheWrongTypeInAPipeline() {
            command("SET wrong-type planted");

            Throwable failure = pipelineFailure(connection -> connection.hashCommands().hGet(bytes("wrong-type"), bytes("field")));

            assertThat(failure).hasStackTraceContaining("WRONGTYPE");
            assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isFalse();
        }

        @Test
        void aRedisCommandOnAKeyOfTheWrongTypeAlone() {
            command("SET wrong-type planted");

            Throwable failure = catchThrowable(() -> pipelines.call(() -> pipelines.template().opsForHash().entries("wrong-type")));

            assertThat(failure).hasStackTraceContaining("WRONGTYPE");
            assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isFalse();
        }

        @Test
        void aLuaScriptThatFailsOnAKeyOfTheWrongType() {
            command("SET wrong-type planted");

            Throwable failure = pipelineFailure(connection -> connection.scriptingCommands().eval(
                    bytes("return redis.call('HINCRBY', KEYS[1], 'points', 1)"), ReturnType.INTEGER, 1, bytes("wrong-type")));

            assertThat(failure).hasStackTraceContaining("WRONGTYPE");
            assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isFalse();
        }

        @Test
        void aLuaScriptThatRaisesAnError() {
            Throwable failure = pipelineFailure(connection -> connection.scriptingCommands().eval(
                    bytes("return redis.error_reply('ERR a bug in the script')"), ReturnType.VALUE, 0));

            assertThat(failure).hasStackTraceContaining("a bug in the script");
            assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isFalse();
        }

        @Test
        void badSqlGrammarInPostgres() {
            Throwable failure = catchThrowable(() -> postgres().queryForList("SELEC line FROM stat_line"));

            assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isFalse();
        }

        @Test
        void aValuePostgresRefusesToComputeWith() {
            Throwable failure = catchThrowable(() -> postgres().queryForObject("SELECT 1 / (SELECT 0)", Integer.class));

            assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isFalse();
        }

        @Test
        void aDataAccessApiMisusedAndABug() {
            for (Throwable failure : List.of(new InvalidDataAccessApiUsageException("no script given"),
                    new IllegalStateException("unexpected reply"), new ArithmeticException("long overflow"))) {
                assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isFalse();
            }
        }
    }

    @Nested
    class TransientFailuresAreRetried {

        @Test
        void aFullRedisRefusingWrites() {
            command("CONFIG SET maxmemory 1");

            Throwable inPipeline = pipelineFailure(connection -> connection.stringCommands().set(bytes("line"), bytes("27")));
            Throwable inScript = pipelineFailure(connection -> connection.scriptingCommands().eval(
                    bytes("return redis.call('HINCRBY', KEYS[1], 'points', 1)"), ReturnType.INTEGER, 1, bytes("sums")));

            for (Throwable failure : List.of(inPipeline, inScript)) {
                assertThat(failure).hasStackTraceContaining("OOM command not allowed");
                assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isTrue();
            }
        }

        @Test
        void redisNotAnsweringInTime() {
            CompletableFuture<Void> asleep = CompletableFuture.runAsync(() -> command("DEBUG SLEEP 2"));
            try {
                pause(Duration.ofMillis(200));

                Throwable failure = pipelineFailure(connection -> connection.stringCommands().get(bytes("line")));

                assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isTrue();
            } finally {
                asleep.join();
            }
        }

        @Test
        void redisStoppedUnderAnOpenConnectionAndNeverReached() {
            pipelines.pipelined(connection -> connection.stringCommands().get(bytes("line")), List.of());
            redis.stop();

            Throwable whileDown = pipelineFailure(connection -> connection.stringCommands().get(bytes("line")));
            Throwable aloneWhileDown = catchThrowable(() -> pipelines.call(() -> pipelines.template().opsForValue().get("line")));
            LettuceConnectionFactory nowhere = connectionsTo(FreePorts.pick());
            Throwable neverReached;
            try {
                neverReached = catchThrowable(() -> pipelinesOver(nowhere).pipelined(
                        connection -> connection.stringCommands().get(bytes("line")), List.of()));
            } finally {
                nowhere.destroy();
            }

            for (Throwable failure : List.of(whileDown, aloneWhileDown, neverReached)) {
                assertThat(failure).isNotNull();
                assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isTrue();
            }
        }

        @Test
        void redisLoadingItsDataOrBusyWithAScript() {
            // As Lettuce reports these replies and Spring Data Redis translates them.
            for (Throwable failure : List.of(
                    new RedisSystemException("Error in execution", new RedisLoadingException("LOADING Redis is loading the dataset in memory")),
                    new RedisSystemException("Error in execution", new RedisBusyException("BUSY Redis is busy running a script")),
                    new RedisSystemException("Error in execution", new RedisCommandExecutionException("READONLY You can't write against a read only replica.")))) {
                assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isTrue();
            }
        }

        @Test
        void postgresNotAnsweringInTime() {
            SingleConnectionDataSource connection = new SingleConnectionDataSource(postgresNode().jdbcUrl(), postgresNode().user(),
                    postgresNode().password(), true);
            try {
                JdbcTemplate jdbc = new JdbcTemplate(connection);
                jdbc.execute("SET statement_timeout = 100");

                Throwable failure = catchThrowable(() -> jdbc.queryForList("SELECT pg_sleep(2)"));

                assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isTrue();
            } finally {
                connection.destroy();
            }
        }

        @Test
        void postgresUnreachable() {
            String elsewhere = postgresNode().jdbcUrl().replaceFirst(":" + postgresNode().port() + "/", ":" + FreePorts.pick() + "/");
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(elsewhere, postgresNode().user(), postgresNode().password()));

            Throwable failure = catchThrowable(() -> jdbc.queryForList("SELECT 1"));

            assertThat(failure).isNotNull();
            assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isTrue();
        }

        @Test
        void theDataAccessFailuresSpringCallsTransient() {
            for (Throwable failure : List.of(new TransientDataAccessResourceException("ledgers vanished again right after loading"),
                    new RecoverableDataAccessException("connection reset"), new DataAccessResourceFailureException("pool exhausted"),
                    new org.springframework.dao.QueryTimeoutException("statement timeout"))) {
                assertThat(IngestFailures.transientFailure(failure)).as(describe(failure)).isTrue();
            }
        }
    }

    private static Throwable pipelineFailure(Consumer<org.springframework.data.redis.connection.RedisConnection> commands) {
        Throwable failure = catchThrowable(() -> pipelines.pipelined(commands, List.of()));
        assertThat(failure).as("the pipeline fails").isNotNull();
        return failure;
    }

    /** As the service talks to Redis: pooled connections, a 1 s command timeout, commands refused while disconnected. */
    private static LettuceConnectionFactory connectionsTo(int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettucePoolingClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1))
                        .clientOptions(ClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                        .build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static RedisPipelines pipelinesOver(LettuceConnectionFactory factory) {
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        return new RedisPipelines(template);
    }

    private static PostgresNode postgresNode() {
        return EmbeddedStack.shared().postgres();
    }

    private static JdbcTemplate postgres() {
        return new JdbcTemplate(new DriverManagerDataSource(postgresNode().jdbcUrl(), postgresNode().user(), postgresNode().password()));
    }

    /** One command on a connection of its own, answered with a simple reply. */
    private static void command(String command) {
        try (Socket socket = new Socket("127.0.0.1", redis.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream reply = socket.getInputStream();
            assertThat(reply.read()).as("Redis's answer to %s", command).isEqualTo('+');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return chain.toString();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
