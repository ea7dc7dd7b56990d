package courtside.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static courtside.stats.RealLines.with;

/**
 * A reduced season replay for the fault tests, as the bench ran it: lines posted through stats-service in
 * small batches at a steady pace, about 5 % of them corrected later (one more free throw) and about 5 % posted
 * again unchanged, on a thread of its own so that the test can hurt a server meanwhile.
 */
final class FaultReplay {

    private final Pipeline pipeline;
    private final List<Map<String, Object>> lines;
    private final int batchSize;
    private final long pauseMillis;
    private final AtomicReference<Throwable> failed = new AtomicReference<>();
    private volatile boolean hurried;
    private Thread poster;

    FaultReplay(Pipeline pipeline, List<Map<String, Object>> lines, int batchSize, long pauseMillis) {
        this.pipeline = pipeline;
        this.lines = lines;
        this.batchSize = batchSize;
        this.pauseMillis = pauseMillis;
    }

    /** Starts posting; {@link #finish()} waits for the end. */
    FaultReplay start() {
        poster = Thread.ofVirtual().name("fault-replay").start(() -> {
            try {
                for (int from = 0; from < lines.size(); from += batchSize) {
                    List<Map<String, Object>> batch = new ArrayList<>(lines.subList(from, Math.min(from + batchSize, lines.size())));
                    if (from >= batchSize) {
                        for (Map<String, Object> earlier : lines.subList(from - batchSize, from)) {
                            int spread = Math.floorMod(((Number) earlier.get("player_id")).intValue() * 31 + from, 20);
                            if (spread == 0) {
                                batch.add(oneMoreFreeThrow(earlier));   // a correction: version 2
                            } else if (spread == 1) {
                                batch.add(earlier);                     // a retry of a line already stored: no event
                            }
                        }
                    }
                    pipeline.postBatch(batch);
                    if (!hurried) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        return this;
    }

    /**
     * The rest of the replay without its pauses, the same batches (corrections and retries included): for a test
     * whose faults are over, so that it does not wait out a pace that was only there to keep lines coming meanwhile.
     */
    FaultReplay hurry() {
        hurried = true;
        return this;
    }

    boolean running() {
        return poster.isAlive();
    }

    /** Waits until every batch is posted; rethrows the poster's failure. */
    void finish() throws InterruptedException {
        poster.join();
        if (failed.get() != null) {
            throw new AssertionError("posting the replay failed", failed.get());
        }
    }

    static Map<String, Object> oneMoreFreeThrow(Map<String, Object> line) {
        return with(line, "ftm", (Integer) line.get("ftm") + 1, "fta", (Integer) line.get("fta") + 1,
                "points", (Integer) line.get("points") + 1);
    }
}
