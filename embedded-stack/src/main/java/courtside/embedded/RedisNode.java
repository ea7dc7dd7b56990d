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
