package courtside.embedded;

import java.nio.file.Path;

/**
 * Where the embedded stack listens and keeps its data.
 *
 * @param postgresPort PostgreSQL's port, or 0 for a free one
 * @param kafkaPort    the Kafka broker's client port, or 0 for a free one
 * @param redisPort    Redis's port, or 0 for a free one
 * @param dataDir      parent of the PostgreSQL cluster ({@code postgres/}) and the Kafka log directory
 *                     ({@code kafka/}), kept between runs; {@code null} for temporary directories deleted
 *                     when the stack closes
 */
public record StackSettings(int postgresPort, int kafkaPort, int redisPort, Path dataDir) {

    public StackSettings {
        requirePort("postgresPort", postgresPort);
        requirePort("kafkaPort", kafkaPort);
        requirePort("redisPort", redisPort);
    }

    /** Free ports and temporary directories: what tests use, so runs never collide with anything. */
    public static StackSettings freePortsAndTempDirs() {
        return new StackSettings(0, 0, 0, null);
    }

    Path postgresDir() {
        return dataDir == null ? null : dataDir.resolve("postgres");
    }

    Path kafkaDir() {
        return dataDir == null ? null : dataDir.resolve("kafka");
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (pick a free one) or 1-65535: " + port);
        }
    }
}
