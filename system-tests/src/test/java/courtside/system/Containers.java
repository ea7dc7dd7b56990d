package courtside.system;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL, Kafka and Redis as containers, at the images docker-compose.yml runs (DeploymentConfigurationTests
 * holds both to the same tags).
 */
final class Containers {

    static final String POSTGRES_IMAGE = "postgres:18";
    static final String KAFKA_IMAGE = "apache/kafka:4.2.1";
    static final String REDIS_IMAGE = "redis:8";
    static final int REDIS_PORT = 6379;

    private Containers() {
    }

    static PostgreSQLContainer postgres() {
        return new PostgreSQLContainer(POSTGRES_IMAGE);
    }

    /** One KRaft node; its bootstrap servers are reachable from the host. */
    static KafkaContainer kafka() {
        return new KafkaContainer(KAFKA_IMAGE);
    }

    /**
     * Redis run as aggregation-service's cache must be (docs/configuration.md, REDIS_ADDR): no eviction, no
     * persistence. Its image is named {@code redis}, which is how {@code @ServiceConnection} recognises it.
     */
    static GenericContainer<?> redis() {
        return new GenericContainer<>(REDIS_IMAGE)
                .withExposedPorts(REDIS_PORT)
                .withCommand("redis-server", "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction");
    }
}
