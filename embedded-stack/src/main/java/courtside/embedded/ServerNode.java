package courtside.embedded;

import java.nio.file.Path;

/**
 * The lifecycle the three nodes share, so each of them holds only how its own server starts and stops: a
 * node can be stopped and started again (an outage in a test) until it is closed, and a JVM exit hook
 * closes it if its owner does not.
 *
 * <p>A subclass assigns its fields before it calls {@code super(...)}: the exit hook registered here may
 * close the node at any time from then on, so it must not find it half-built.
 *
 * <p>The public methods are not final on purpose: for non-final ones javac gives each public node its own
 * public copy, so reflection from other packages, which checks the declaring class, still reaches them.
 */
abstract class ServerNode implements AutoCloseable {

    private final String name;
    private final Path temporaryDir;
    private final Thread exitHook;

    private boolean running;
    private boolean closed;

    /**
     * @param name         the node in messages, such as {@code "Redis node on port 6390"}
     * @param hookName     the name of the JVM exit hook's thread (with {@code -shutdown} appended)
     * @param temporaryDir a directory this node created and deletes on {@link #close()}; {@code null} if
     *                     it keeps no files or they belong to the caller
     */
    ServerNode(String name, String hookName, Path temporaryDir) {
        this.name = name;
        this.temporaryDir = temporaryDir;
        this.exitHook = Cleanup.closeOnExit(hookName, this);
    }

    /**
     * The second half of the static {@code start(...)} factories: a node whose first start fails is closed
     * again, so it leaves no exit hook and no temporary directory behind.
     */
    static <N extends ServerNode> N startOrClose(N node) {
        try {
            node.start();
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** Starts the server; on failure it throws with nothing of the server left running. */
    abstract void startServer();

    /** Stops the running server and waits until its port refuses connections. */
    abstract void stopServer();

    /**
     * Starts the server again on the same port (or ports) and with the data it kept; does nothing if it is
     * running.
     *
     * @throws IllegalStateException if the node is closed
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if (running) {
            return;
        }
        startServer();
        running = true;
    }

    /**
     * Stops the server and waits for it, so its port refuses connections and clients see it as unavailable;
     * what it keeps on disk stays for the next {@link #start()}. Does nothing if it is not running.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            stopServer();
        } finally {
            // A failed stop still counts as stopped, so the next start() tries again instead of doing nothing.
            running = false;
        }
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /**
     * Stops the server, deletes the directory the node created for itself (if any) and drops the exit hook.
     * A closed node cannot be started again; closing it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            if (temporaryDir != null) {
                Cleanup.deleteRecursively(temporaryDir);
            }
            Cleanup.forgetOnExit(exitHook);
        }
    }
}
