package courtside.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks loopback ports nobody is listening on.
 *
 * <p>The nodes need a port that stays the same across a stop and a start (clients keep the address), so
 * "port 0" cannot be left to the server: the port is chosen here once and then owned by the node.
 */
public final class FreePorts {

    /**
     * Ports this machine's own servers use (PostgreSQL, Redis, a Kafka broker). The OS never hands them out
     * as ephemeral ports, but a fixed port from a caller must not collide with them either.
     */
    private static final Set<Integer> RESERVED = Set.of(5432, 6379, 9092, 9093);

    /**
     * Ports already handed out in this JVM. The stack starts its three servers in parallel, and a port
     * probed and released by one thread could otherwise be probed again by another before anybody binds it.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** The given port if it is fixed, or a free loopback port if it is 0. */
    static int resolve(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (pick a free one) or 1-65535: " + port);
        }
        if (RESERVED.contains(port)) {
            throw new IllegalArgumentException("port " + port + " belongs to a server already running on this machine");
        }
        return port == 0 ? pick() : port;
    }

    /** A free loopback port, never one of this machine's own servers nor one already handed out in this JVM. */
    public static int pick() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = probe();
            if (!RESERVED.contains(candidate) && HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free loopback port after 50 attempts");
    }

    /**
     * Waits until nothing accepts connections on the loopback port any more, for servers whose stop can
     * fail without saying so (zonky only logs a failed {@code pg_ctl stop}).
     */
    static void awaitClosed(int port, Duration timeout, String server) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isListening(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(server + " still accepts connections on port " + port + " after " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + server + " to stop", e);
            }
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not probe for a free port", e);
        }
    }
}
