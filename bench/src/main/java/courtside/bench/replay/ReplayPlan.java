package courtside.bench.replay;

import java.util.OptionalDouble;

/**
 * How a replay posts: {@code batchSize} lines per request (1 posts single objects), {@code concurrency} clients
 * at once, at most {@code linesPerSecond} when given, and the share of lines posted a second time unchanged
 * ({@code duplicates}, an idempotent retry) or first with a wrong score and then corrected ({@code corrections}).
 */
public record ReplayPlan(int batchSize, int concurrency, OptionalDouble linesPerSecond, double duplicates,
                         double corrections, long seed) {

    public ReplayPlan {
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("--batch-size must be between 1 and 1000 (the API's limit), not " + batchSize);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be 1 or more, not " + concurrency);
        }
        if (linesPerSecond.isPresent() && linesPerSecond.getAsDouble() <= 0) {
            throw new IllegalArgumentException("--rate must be above 0, not " + linesPerSecond.getAsDouble());
        }
        if (duplicates < 0 || duplicates > 1 || corrections < 0 || corrections > 1) {
            throw new IllegalArgumentException("--duplicates and --corrections are shares between 0 and 1");
        }
    }

    public static ReplayPlan batchesOf(int batchSize, int concurrency) {
        return new ReplayPlan(batchSize, concurrency, OptionalDouble.empty(), 0, 0, 1);
    }
}
