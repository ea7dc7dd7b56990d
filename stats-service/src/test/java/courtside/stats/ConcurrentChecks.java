package courtside.stats;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Checks that only read (HTTP answers against expectations computed beforehand), run a few at a time: the season
 * tests make thousands of requests, and one at a time they leave the service's threads, and the second core, idle.
 */
public final class ConcurrentChecks {

    /** Enough to keep both cores busy without queueing much behind them. */
    public static final int CHECKERS = 4;

    private ConcurrentChecks() {
    }

    /** Runs the check for every item, {@link #CHECKERS} at a time; the first failure is rethrown as its own. */
    public static <T> void each(Collection<T> items, Consumer<T> check) {
        try (ExecutorService checkers = Executors.newFixedThreadPool(CHECKERS)) {
            List<Future<?>> running = items.stream().<Future<?>>map(item -> checkers.submit(() -> check.accept(item))).toList();
            running.forEach(ConcurrentChecks::outcome);
        }
    }

    /** The value of a check, or the assertion (or other failure) it ended with, as its own. */
    public static <T> T outcome(Future<T> check) {
        try {
            return check.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
