package courtside.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDK 25's ahead-of-time cache (JEP 483, 514, 515) for a service's runnable jar: the classes Spring Boot loads
 * and links at startup, and the profile of its first run, kept in a file, so that the next start skips that
 * work (a stats-service start went from 6.5 s to 3.0 s here). As Spring Boot documents it: the jar is extracted
 * (a cache needs a plain classpath, not jars in a jar), then one training run starts the application up to the
 * refreshed context and exits ({@code spring.context.exit=onRefresh}); the JDK writes the cache at exit.
 *
 * <p>The training run needs the backing servers, like the service itself, so it happens just before the first
 * start after a build, and again whenever the jar is newer than its cache or the JVM options differ from those it
 * was trained with. When training fails, the service starts without a cache.
 */
final class AotCache {

    private static final Logger log = LoggerFactory.getLogger(AotCache.class);
    private static final long TRAINING_TIMEOUT_SECONDS = 180;

    private AotCache() {
    }

    /**
     * The {@code java} arguments that start the service from its extracted jar with its cache, training the cache
     * first if needed; empty when that failed, and the plain {@code -jar} start should be used.
     */
    static Optional<List<String>> startArguments(ServiceProcess.Service service, String java,
                                                 List<String> jvmOptions, Map<String, String> environment) {
        Path dir = service.jar().toAbsolutePath().getParent().resolve("aot").resolve(service.name());
        Path extractedJar = dir.resolve(service.jar().getFileName());
        Path cache = dir.resolve("app.aot");
        // A cache only maps into a JVM started with the options it was trained with (one trained with JFR on is
        // refused by a JVM without it, which then starts with no cache at all): they are kept beside it.
        Path trainedWith = dir.resolve("jvm-options");
        String options = String.join(" ", jvmOptions);
        List<String> start = List.of("-XX:AOTCache=" + cache, "-jar", extractedJar.toString());
        try {
            if (Files.isRegularFile(cache) && !isOlder(cache, service.jar()) && Files.isRegularFile(trainedWith)
                    && Files.readString(trainedWith).equals(options)) {
                return Optional.of(start);
            }
            Cleanup.deleteRecursively(dir);
            Files.createDirectories(dir);
            long startedAt = System.nanoTime();
            run(dir.resolve("extract.log"), environment, java, "-Djarmode=tools", "-jar", service.jar().toString(),
                    "extract", "--destination", dir.toString(), "--force");
            List<String> training = new ArrayList<>(List.of(java));
            training.addAll(jvmOptions);
            training.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh",
                    // The training run must not take events or publish them: it only starts up.
                    "-Dspring.kafka.listener.auto-startup=false", "-jar", extractedJar.toString()));
            System.out.printf("[courtside] %s: training its startup cache once after a build (log: %s)%n",
                    service.name(), dir.resolve("training.log"));
            run(dir.resolve("training.log"), environment, training.toArray(String[]::new));
            if (!Files.isRegularFile(cache)) {
                throw new IOException("the training run wrote no cache; see " + dir.resolve("training.log"));
            }
            Files.writeString(trainedWith, options);
            log.info("{}: AOT cache trained in {} ms", service.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
            return Optional.of(start);
        } catch (IOException | UncheckedIOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            System.out.printf("[courtside] %s: no startup cache (%s); starting without one%n", service.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isOlder(Path file, Path than) throws IOException {
        FileTime fileTime = Files.getLastModifiedTime(file);
        return fileTime.compareTo(Files.getLastModifiedTime(than)) < 0;
    }

    private static void run(Path logFile, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + TRAINING_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("%s exited with %d; see %s".formatted(command[command.length - 1], process.exitValue(), logFile));
        }
    }
}
