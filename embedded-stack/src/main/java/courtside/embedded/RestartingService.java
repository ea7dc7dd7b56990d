package courtside.embedded;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A service of the local run that is started again when it dies, as compose's restart policy does for a
 * container: after 1 s, then 2, 4, 8... up to 30 s while it keeps dying, and from 1 s again once it has stayed up a
 * minute. The launcher has no process supervisor to lean on (no systemd, no Docker), hence this small one.
 */
final class RestartingService {

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);

    /** Starts the service's process. */
    @FunctionalInterface
    interface Launcher {
        ServiceProcess launch(ServiceProcess.Service service) throws IOException;
    }

    private final ServiceProcess.Service service;
    private final Launcher launcher;
    private ServiceProcess process;
    private Instant launchedAt;
    private Duration nextDelay = FIRST_DELAY;
    /** Set while the service is down and waiting for its restart. */
    private Instant restartAt;
    private int restarts;

    RestartingService(ServiceProcess.Service service, Launcher launcher, Instant now) throws IOException {
        this.service = service;
        this.launcher = launcher;
        this.process = launcher.launch(service);
        this.launchedAt = now;
    }

    ServiceProcess.Service service() {
        return service;
    }

    /** The process running now (or the last one, while a restart waits). */
    synchronized ServiceProcess process() {
        return process;
    }

    /**
     * Looks at the process once: when it has died, plans its restart; when the planned time has come, starts it again.
     *
     * @return what happened, to tell the user, if anything did
     */
    synchronized Optional<String> watch(Instant now) {
        if (restartAt == null) {
            if (process.isAlive()) {
                if (Duration.between(launchedAt, now).compareTo(STABLE_AFTER) >= 0) {
                    nextDelay = FIRST_DELAY;
                }
                return Optional.empty();
            }
            restartAt = now.plus(nextDelay);
            return Optional.of("%s exited with status %d; restarting it in %d s (the other services and servers keep running)"
                    .formatted(service.name(), process.exitValue(), nextDelay.toSeconds()));
        }
        if (now.isBefore(restartAt)) {
            return Optional.empty();
        }
        nextDelay = nextDelay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : nextDelay.multipliedBy(2);
        try {
            process = launcher.launch(service);
        } catch (IOException | RuntimeException e) {
            // The jar was rebuilt or removed meanwhile, say: try again later rather than take the stack down.
            restartAt = now.plus(nextDelay);
            return Optional.of("%s could not be started (%s); trying again in %d s".formatted(service.name(), e.getMessage(),
                    nextDelay.toSeconds()));
        }
        launchedAt = now;
        restartAt = null;
        restarts++;
        return Optional.of("%s started again (restart %d, pid %d)".formatted(service.name(), restarts, process.pid()));
    }

    synchronized void close() {
        process.close();
    }
}
