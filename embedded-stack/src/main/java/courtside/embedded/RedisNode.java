package courtside.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.RedisServer;

/**
 * A real Redis server (the redis-server binary bundled in embedded-redis, a separate process) on a fixed
 * loopback port. Nothing is persisted: the services use Redis as a cache, and a restart starting empty is
 * exactly what an outage of a cache looks like.
 *
 * <p>{@link #stop()} sends SIGTERM and waits for the process to exit.
 */
public final class RedisNode extends ServerNode {

    private static final String HOST = "localhost";
    private static final String BIND_ADDRESS = "127.0.0.1";
    /** The memory Redis may use for data, as REDIS_MAXMEMORY's default in docker-compose.yml. */
    public static final String MAX_MEMORY = "1gb";

    private final int port;
    private final RedisServer server;

    private RedisNode(int port) {
        this.port = port;
        this.server = prepare(port);
        super("Redis node on port " + port, "redis-" + port, null);
    }

    /**
     * Starts Redis.
     *
     * @param port the port to listen on (127.0.0.1 only), or 0 for a free one that is then kept
     */
    public static RedisNode start(int port) {
        return startOrClose(new RedisNode(FreePorts.resolve(port)));
    }

    private static RedisServer prepare(int port) {
        try {
            return RedisServer.newRedisServer()
                    .port(port)
                    .bind(BIND_ADDRESS)
                    // No RDB snapshots and no AOF: a SIGTERM then stops Redis at once, with no dump.rdb
                    // written next to the extracted binary.
                    .setting("save \"\"")
                    .setting("appendonly no")
                    // Bounded, as in docker-compose.yml: full, Redis refuses writes (noeviction: a cache that is
                    // whole or missing, never half evicted) instead of growing until the machine swaps.
                    .setting("maxmemory " + MAX_MEMORY)
                    .setting("maxmemory-policy noeviction")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare redis-server for port " + port, e);
        }
    }

    @Override
    void startServer() {
        try {
            // Returns once redis-server has logged "Ready to accept connections".
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start on port " + port, e);
        }
    }

    @Override
    void stopServer() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + port + " did not stop", e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** {@code localhost:PORT}, the form the services read from {@code REDIS_ADDR}. */
    public String address() {
        return HOST + ":" + port;
    }

    @Override
    public String toString() {
        return "RedisNode[" + address() + "]";
    }
}
