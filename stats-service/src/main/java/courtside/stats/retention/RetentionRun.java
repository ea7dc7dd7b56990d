package courtside.stats.retention;

import java.time.Duration;
import java.util.List;

/**
 * One run of retention.
 *
 * @param firstKept the oldest season kept, {@code null} while retention has never dropped a season
 * @param dropped   the seasons it removed or purged lines of, oldest first; empty when there was nothing to do
 * @param unfinished whether lines or tombstones were left for the next run because removal events were not
 *                  published in time (Kafka unreachable)
 */
record RetentionRun(String firstKept, List<DroppedSeason> dropped, boolean unfinished, Duration took) {
}
