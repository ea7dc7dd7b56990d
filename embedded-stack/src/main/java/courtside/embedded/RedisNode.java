package courtside.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.RedisServer;

/**
 * A real Redis server (the redis-server binary bundled in embedded-redis, a separate process) on a fixed
 * loopback port. Nothing is persisted: the services use Redis as a cache, and a restart starting empty is
 * exactly what an outage of a cache looks like.
 */
public final class RedisNode implements AutoCloseable {

    private static final String HOST = "localhost";
    private static final String BIND_ADDRESS = "127.0.0.1";

    private final int port;
    private final RedisServer server;
    private final Thread exitHook;

    private boolean running;
    private boolean closed;

    private RedisNode(int port) {
        this.port = port;
        try {
            this.server = RedisServer.newRedisServer()
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
        this.exitHook = Cleanup.closeOnExit("redis-" + port, this);
    }

    /**
     * Starts Redis.
     *
     * @param port the port to listen on (127.0.0.1 only), or 0 for a free one that is then kept
     */
    public static RedisNode start(int port) {
        RedisNode node = new RedisNode(FreePorts.resolve(port));
        try {
            node.start();
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** Starts the server again on the same port (empty); does nothing if it is running. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("Redis node on port " + port + " is closed");
        }
        if (running) {
            return;
        }
        try {
            // Returns once redis-server has logged "Ready to accept connections".
            server.start();
            running = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start on port " + port, e);
        }
    }

    /** Stops the process (SIGTERM, waits for it to exit) so the port refuses connections. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + port + " did not stop", e);
        } finally {
            running = false;
        }
    }

    public synchronized boolean isRunning() {
        return running;
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
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            Cleanup.forgetOnExit(exitHook);
        }
    }

    @Override
    public String toString() {
        return "RedisNode[" + address() + "]";
    }
}
