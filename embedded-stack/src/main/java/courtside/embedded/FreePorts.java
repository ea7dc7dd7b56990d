package courtside.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

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

    /** Below this, ports are well known or registered to common servers. */
    private static final int PICK_FLOOR = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /**
     * A free loopback port below the kernel's ephemeral range, never one of this machine's own servers nor
     * one already handed out in this JVM.
     *
     * <p>Why not the port the kernel hands out for port 0: that one comes from the ephemeral range, and a
     * port is only probed here and bound by its server a moment later, while the stack's other servers start
     * and open outgoing connections. Any of them may take the same port as its local end in between, and the
     * server then fails to bind it (CI saw "Redis did not start"). Below the range, only a listener can take
     * it, and the probe sees listeners.
     */
    public static int pick() {
        EphemeralRange ephemeral = EphemeralRange.ofThisMachine();
        int low = Math.max(PICK_FLOOR, 1);
        int high = ephemeral.low() - 1;
        if (high - low < 1_000) {
            // A machine whose ephemeral range starts low leaves no room below it: the kernel's choice is the
            // best there is.
            return pickFrom(FreePorts::probeAny);
        }
        return pickFrom(() -> probe(low + RANDOM.nextInt(high - low + 1)));
    }

    private static int pickFrom(IntSupplier candidates) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = candidates.getAsInt();
            if (candidate > 0 && !RESERVED.contains(candidate) && HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free loopback port after 200 attempts");
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

    /** The port if a loopback listener can bind it now, otherwise 0. */
    private static int probe(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException taken) {
            return 0;
        }
    }

    private static int probeAny() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not probe for a free port", e);
        }
    }

    /** The ports the kernel picks the local end of outgoing connections from. */
    record EphemeralRange(int low, int high) {

        private static final Path LINUX = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        /** IANA's dynamic range, which macOS and Windows use, and Linux's when /proc cannot be read. */
        private static final EphemeralRange IANA = new EphemeralRange(49_152, 65_535);

        static EphemeralRange ofThisMachine() {
            // Files.readString stops after the size /proc reports for the file (often one byte): read the stream.
            try (InputStream in = Files.newInputStream(LINUX)) {
                String[] bounds = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
                return new EphemeralRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
            } catch (IOException | RuntimeException notLinux) {
                return IANA;
            }
        }
    }
}
