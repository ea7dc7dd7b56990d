package courtside.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Temporary directories and JVM shutdown hooks shared by the nodes. */
final class Cleanup {

    private static final Logger log = LoggerFactory.getLogger(Cleanup.class);

    private Cleanup() {
    }

    static Path createTempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory", e);
        }
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
    }

    /** Best effort: a leftover file in /tmp must not turn a passing test run into a failure. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.debug("could not delete {}", path, e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    /**
     * Closes the resource when the JVM exits, so a test run that forgets to close a node (or is stopped with
     * Ctrl-C) leaves no postmaster or redis-server process behind.
     */
    static Thread closeOnExit(String name, AutoCloseable resource) {
        Thread hook = new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {} at JVM exit failed: {}", name, e.toString());
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Drops the hook of a resource closed by its owner; a no-op while the JVM is already exiting. */
    static void forgetOnExit(Thread hook) {
        if (hook == null || Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyExiting) {
            // The hooks are running; ours will find the resource closed and do nothing.
        }
    }
}
