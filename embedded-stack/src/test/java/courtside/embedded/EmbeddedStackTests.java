package courtside.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class EmbeddedStackTests {

    @Test
    void environmentHoldsExactlyTheNineVariablesTheServicesRead() {
        Map<String, String> environment = EmbeddedStack.shared().environment();

        assertThat(environment).containsOnlyKeys("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD",
                "DB_MIGRATION_USER", "DB_MIGRATION_PASSWORD", "KAFKA_BROKER", "REDIS_ADDR");
        assertThat(environment)
                .containsEntry("DB_HOST", "localhost")
                .containsEntry("DB_NAME", "courtside")
                .containsEntry("DB_USER", "courtside")
                .containsEntry("DB_MIGRATION_USER", "postgres");
        assertThat(environment.get("DB_PORT")).isNotEqualTo("5432");
        assertThat(environment.get("REDIS_ADDR")).doesNotEndWith(":6379");
        assertThat(environment.get("KAFKA_BROKER")).doesNotEndWith(":9092");
    }

    @Test
    void environmentPointsAtRunningServers() throws Exception {
        Map<String, String> env = EmbeddedStack.shared().environment();

        String jdbcUrl = "jdbc:postgresql://" + env.get("DB_HOST") + ":" + env.get("DB_PORT") + "/" + env.get("DB_NAME");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, env.get("DB_MIGRATION_USER"), env.get("DB_MIGRATION_PASSWORD"));
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_database()")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("courtside");
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("KAFKA_BROKER")))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
        }

        RedisClient redis = RedisClient.create("redis://" + env.get("REDIS_ADDR"));
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            redis.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    @Test
    void sharedIsOneStackPerJvm() {
        assertThat(EmbeddedStack.shared()).isSameAs(EmbeddedStack.shared());
    }

    @Test
    void startsTheThreeServersOnFreePortsAndStopsAllOfThemOnClose() {
        EmbeddedStack stack = EmbeddedStack.start(StackSettings.freePortsAndTempDirs());
        int postgresPort = stack.postgres().port();
        int kafkaPort = stack.kafka().port();
        int redisPort = stack.redis().port();
        assertThat(Sockets.accepts(postgresPort)).isTrue();
        assertThat(Sockets.accepts(kafkaPort)).isTrue();
        assertThat(Sockets.accepts(redisPort)).isTrue();

        stack.close();

        assertThat(Sockets.accepts(postgresPort)).isFalse();
        assertThat(Sockets.accepts(kafkaPort)).isFalse();
        assertThat(Sockets.accepts(redisPort)).isFalse();
        assertThat(stack.postgres().dataDir()).doesNotExist();
        assertThat(stack.kafka().logDir()).doesNotExist();
    }
}
