package courtside.aggregation;

import redis.embedded.core.ExecutableProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Redis in a network namespace of its own, reached from the test's JVM over a veth pair whose link can be cut
 * silently: a {@code blackhole} queueing discipline on both ends drops every packet, and nothing answers (no RST, no
 * ICMP, the neighbours are static so not even ARP fails), as when a route to Redis is dropped. Stopping or pausing
 * Redis does not show this: its kernel still answers, so the client's connection either dies at once or resumes at
 * once; behind a blackhole the connection stays established while the kernel's retransmissions back off.
 *
 * <p>Needs root and iproute2 ({@code ip}, {@code tc}). Names carry the JVM's pid ({@code csbh-<pid>}, links
 * {@code csbh<pid>h} and {@code csbh<pid>n}); what a killed run left behind (its pid gone) is removed before a new
 * one starts, and {@link #close()} (or the JVM's exit) removes this one's.
 */
final class BlackholedRedis implements AutoCloseable {

    static final Path IP = Path.of("/usr/sbin/ip");
    private static final String PREFIX = "csbh";
    private static final Pattern NAMESPACE = Pattern.compile("^" + PREFIX + "-(\\d+)\\b", Pattern.MULTILINE);
    private static final Pattern HOST_LINK = Pattern.compile("^\\d+: (" + PREFIX + "(\\d+)h)[@:]", Pattern.MULTILINE);
    private static final Pattern MAC = Pattern.compile("link/ether ([0-9a-f:]{17})");
    private static final int PORT = 6390;

    private final String namespace;
    private final String hostLink;
    private final String redisLink;
    private final String hostAddress;
    private final String redisAddress;
    private final Thread exitHook = new Thread(this::close, "blackholed-redis-cleanup");
    private Process redis;
    private boolean closed;

    private BlackholedRedis(long pid, String hostAddress, String redisAddress) {
        this.namespace = PREFIX + "-" + pid;
        this.hostLink = PREFIX + pid + "h";
        this.redisLink = PREFIX + pid + "n";
        this.hostAddress = hostAddress;
        this.redisAddress = redisAddress;
    }

    /**
     * Why this machine cannot build the namespace, or {@code null} if it can: root and iproute2 are needed.
     */
    static String missingPrerequisite() {
        if (!Files.isExecutable(IP) || !Files.isExecutable(Path.of("/usr/sbin/tc"))) {
            return "iproute2 (/usr/sbin/ip and /usr/sbin/tc) is not installed";
        }
        if (!isRoot()) {
            return "not running as root, which network namespaces and queueing disciplines need";
        }
        return null;
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes what killed runs left, builds the namespace and starts Redis in it, answering PING. */
    static BlackholedRedis start() {
        removeLeftovers();
        long pid = ProcessHandle.current().pid();
        String[] addresses = freeSubnet(pid);
        BlackholedRedis node = new BlackholedRedis(pid, addresses[0], addresses[1]);
        Runtime.getRuntime().addShutdownHook(node.exitHook);
        try {
            node.build();
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** {@code host:port} as {@code REDIS_ADDR} takes it. */
    String address() {
        return redisAddress + ":" + PORT;
    }

    /** Every packet on the link dropped from now on, both ways. */
    void cutOff() {
        run(List.of("tc", "qdisc", "add", "dev", hostLink, "root", "blackhole"));
        run(List.of("tc", "-n", namespace, "qdisc", "add", "dev", redisLink, "root", "blackhole"));
    }

    /** The link carries packets again. */
    void reconnect() {
        run(List.of("tc", "qdisc", "del", "dev", hostLink, "root"));
        run(List.of("tc", "-n", namespace, "qdisc", "del", "dev", redisLink, "root"));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (redis != null) {
            redis.destroy();
            try {
                if (!redis.waitFor(5, TimeUnit.SECONDS)) {
                    redis.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Deleting the namespace deletes its end of the pair, and with it the host's end.
        runQuietly(List.of("ip", "netns", "del", namespace));
        runQuietly(List.of("ip", "link", "del", hostLink));
        if (Thread.currentThread() != exitHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: nothing left for it to do.
            }
        }
    }

    private void build() {
        run(List.of("ip", "netns", "add", namespace));
        run(List.of("ip", "link", "add", hostLink, "type", "veth", "peer", "name", redisLink));
        run(List.of("ip", "link", "set", redisLink, "netns", namespace));
        run(List.of("ip", "addr", "add", hostAddress + "/30", "dev", hostLink));
        run(List.of("ip", "link", "set", hostLink, "up"));
        run(List.of("ip", "-n", namespace, "addr", "add", redisAddress + "/30", "dev", redisLink));
        run(List.of("ip", "-n", namespace, "link", "set", redisLink, "up"));
        run(List.of("ip", "-n", namespace, "link", "set", "lo", "up"));
        // Static neighbours: with the link cut, a dynamic entry would fail after a few ARP probes, and the kernel would
        // then report "no route to host" to the client, which a dropped route does not do.
        run(List.of("ip", "neigh", "replace", redisAddress, "lladdr", mac(List.of("ip", "-o", "-n", namespace, "link", "show",
                redisLink)), "dev", hostLink, "nud", "permanent"));
        run(List.of("ip", "-n", namespace, "neigh", "replace", hostAddress, "lladdr", mac(List.of("ip", "-o", "link", "show",
                hostLink)), "dev", redisLink, "nud", "permanent"));
        startRedis();
    }

    private void startRedis() {
        String binary;
        try {
            // The redis-server the embedded stack runs, extracted from the embedded-redis jar.
            binary = ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            redis = new ProcessBuilder(IP.toString(), "netns", "exec", namespace, binary, "--port", Integer.toString(PORT),
                    "--bind", redisAddress, "--save", "", "--appendonly", "no", "--maxmemory", "1gb",
                    "--maxmemory-policy", "noeviction")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start redis-server in " + namespace, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!answersPing()) {
            if (!redis.isAlive()) {
                throw new IllegalStateException("redis-server in " + namespace + " exited with " + redis.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server in " + namespace + " did not answer PING on " + address());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(redisAddress, PORT), 500);
            socket.setSoTimeout(1_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return in.read() == '+';
        } catch (IOException e) {
            return false;
        }
    }

    /** Namespaces and links of runs whose JVM is gone, with any process still in those namespaces. */
    private static void removeLeftovers() {
        Matcher namespaces = NAMESPACE.matcher(run(List.of("ip", "netns", "list")));
        while (namespaces.find()) {
            if (isGone(Long.parseLong(namespaces.group(1)))) {
                String stale = namespaces.group().trim();
                for (String pid : run(List.of("ip", "netns", "pids", stale)).split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                runQuietly(List.of("ip", "netns", "del", stale));
            }
        }
        Matcher links = HOST_LINK.matcher(run(List.of("ip", "-o", "link", "show")));
        while (links.find()) {
            if (isGone(Long.parseLong(links.group(2)))) {
                runQuietly(List.of("ip", "link", "del", links.group(1)));
            }
        }
    }

    private static boolean isGone(long pid) {
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** A /30 in 10.231.0.0/16 that no interface of this machine is on, starting from one the pid picks. */
    private static String[] freeSubnet(long pid) {
        String inUse = run(List.of("ip", "-4", "-o", "addr", "show"));
        for (int i = 0; i < 16_384; i++) {
            int block = (int) ((pid + i) % 16_384);
            String base = "10.231." + (block / 64) + ".";
            int first = (block % 64) * 4;
            if (!inUse.contains(base + (first + 1) + "/") && !inUse.contains(base + (first + 2) + "/")) {
                return new String[]{base + (first + 1), base + (first + 2)};
            }
        }
        throw new IllegalStateException("no free /30 left in 10.231.0.0/16");
    }

    private static String mac(List<String> showLink) {
        String shown = run(showLink);
        Matcher mac = MAC.matcher(shown);
        if (!mac.find()) {
            throw new IllegalStateException("no MAC address in: " + shown);
        }
        return mac.group(1);
    }

    /** Runs an iproute2 command; its output, or an exception with it if it fails. */
    private static String run(List<String> command) {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, "/usr/sbin/" + command.getFirst());
        try {
            Process process = new ProcessBuilder(resolved).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " interrupted", e);
        }
    }

    private static void runQuietly(List<String> command) {
        try {
            run(command);
        } catch (RuntimeException ignored) {
            // Cleanup of something that may already be gone.
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
