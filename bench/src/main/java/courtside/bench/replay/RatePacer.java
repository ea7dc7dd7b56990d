package courtside.bench.replay;

import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * Spaces the requests of all clients so that lines leave at a fixed rate, whatever the concurrency. Written
 * here rather than taken from a library: it is a dozen lines, and a rate limiter that lets bursts through
 * (a token bucket) would blur the freshness measured at a fixed rate.
 */
final class RatePacer {

    private final double nanosPerLine;
    private long nextSlot = System.nanoTime();

    private RatePacer(double nanosPerLine) {
        this.nanosPerLine = nanosPerLine;
    }

    static RatePacer of(OptionalDouble linesPerSecond) {
        return new RatePacer(linesPerSecond.isPresent() ? 1e9 / linesPerSecond.getAsDouble() : 0);
    }

    /** Waits until {@code lines} more lines may leave. */
    void await(int lines) throws InterruptedException {
        if (nanosPerLine == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            // A client that fell behind does not earn a burst: the schedule restarts from now.
            slot = Math.max(nextSlot, System.nanoTime());
            nextSlot = slot + (long) (lines * nanosPerLine);
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
