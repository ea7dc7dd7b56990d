package courtside.bench.measure;

import java.util.Arrays;

/** Recorded durations of one kind (request latencies, freshness lags) and their percentiles, in milliseconds. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    synchronized void record(long durationNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = durationNanos;
    }

    synchronized int count() {
        return count;
    }

    /** The {@code percentile} (0-100) in milliseconds, nearest rank; NaN when nothing was recorded. */
    synchronized double millisAt(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.clamp(rank - 1, 0, count - 1)] / 1e6;
    }
}
