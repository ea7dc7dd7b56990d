package courtside.stats.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs retention once right after startup, then every {@code courtside.retention.every}, on a thread of its
 * own, and only when it is on. The default phase starts it after everything else, the web server included,
 * and stops it first, while the relay it waits on still runs.
 *
 * <p>A lifecycle of its own rather than {@code @Scheduled} (how the services run their other periodic work): a run
 * waits for the outbox relay to publish its removals, so it must be interrupted and stopped before the relay stops,
 * an order Spring's scheduler does not give.
 */
@Component
final class RetentionSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final SeasonRetention retention;
    private final RetentionSettings settings;

    private volatile ScheduledExecutorService scheduler;

    RetentionSchedule(SeasonRetention retention, RetentionSettings settings) {
        this.retention = retention;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        log.info("Retention keeps the {} newest season(s) and the current one; it runs now and every {}",
                settings.keepSeasons(), settings.every());
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("season-retention").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::runOnce, 0, settings.every().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            // Interrupts a run waiting for its events; whatever it left undone, the next run finishes.
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** A failed run must not end the schedule (an executor drops a task that throws): it is logged and retried. */
    private void runOnce() {
        try {
            retention.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Retention run failed, retried in {}: {}", settings.every(), e.toString());
        }
    }
}
