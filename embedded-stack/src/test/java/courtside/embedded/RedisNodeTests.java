package courtside.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisNodeTests {

    private static RedisClient client;

    @BeforeAll
    static void createClient() {
        client = RedisClient.create();
    }

    @AfterAll
    static void shutDownClient() {
        // No quiet period: the default keeps the event loop alive for 2 s after the last test.
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Test
    void answersSetAndGetOnItsAddress() {
        try (RedisNode redis = RedisNode.start(0)) {
            assertThat(redis.port()).isNotEqualTo(6379);
            assertThat(redis.address()).isEqualTo("localhost:" + redis.port());

            try (StatefulRedisConnection<String, String> connection = connect(redis)) {
                connection.sync().set("season:2025:ppg:leader", "SGA");
                assertThat(connection.sync().get("season:2025:ppg:leader")).isEqualTo("SGA");
            }
        }
    }

    @Test
    void itsMemoryIsBoundedAndAFullRedisRefusesWritesRatherThanEvicting() {
        try (RedisNode redis = RedisNode.start(0);
             StatefulRedisConnection<String, String> connection = connect(redis)) {
            assertThat(connection.sync().configGet("maxmemory")).containsEntry("maxmemory", Long.toString(1L << 30));
            assertThat(connection.sync().configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "noeviction");

            connection.sync().set("kept", "x");
            connection.sync().configSet("maxmemory", "1");
            assertThatThrownBy(() -> connection.sync().set("one:more", "x")).hasMessageContaining("OOM");
            assertThat(connection.sync().get("kept")).as("nothing evicted").isEqualTo("x");
        }
    }

    @Test
    void refusesConnectionsWhileStoppedAndAnswersAgainAfterAStartOnTheSamePort() {
        try (RedisNode redis = RedisNode.start(0)) {
            int port = redis.port();

            redis.stop();

            assertThat(redis.isRunning()).isFalse();
            assertThat(Sockets.accepts(port)).isFalse();
            assertThatThrownBy(() -> connect(redis)).isInstanceOf(RedisConnectionException.class);

            redis.start();

            assertThat(redis.port()).isEqualTo(port);
            try (StatefulRedisConnection<String, String> connection = connect(redis)) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
            }
        }
    }

    private static StatefulRedisConnection<String, String> connect(RedisNode redis) {
        RedisURI uri = RedisURI.create("redis://" + redis.address());
        uri.setTimeout(Duration.ofSeconds(2));
        return client.connect(uri);
    }
}
