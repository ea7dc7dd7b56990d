package courtside.aggregation.live;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.cache.RedisPipelines;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How fast lines arrive, counted in Redis per second by every instance together, so that each instance answers
 * for all of them. A line counts once, when its player's ledger first takes it (a duplicate or a stale version
 * does not count). A rate, not an aggregate: an instance that dies between applying a batch and counting it
 * leaves those lines out of the last minute, and nothing else.
 */
@Component
public final class LiveMetrics {

    /** The moving window of {@code lines_per_minute}. */
    static final int WINDOW_SECONDS = 60;
    private static final String COUNTS_KEY = Ledger.PREFIX + "lines-per-second";

    private final RedisPipelines pipelines;
    private final DefaultRedisScript<Long> countScript = RedisPipelines.script("count-lines.lua", Long.class);
    private final Clock clock;

    LiveMetrics(RedisPipelines pipelines) {
        this.pipelines = pipelines;
        this.clock = Clock.systemUTC();
    }

    /** Counts lines applied just now. */
    public void count(long lines) {
        if (lines > 0) {
            pipelines.call(() -> pipelines.template().execute(countScript, List.of(COUNTS_KEY),
                    Long.toString(clock.instant().getEpochSecond()), Long.toString(lines), Integer.toString(WINDOW_SECONDS)));
        }
    }

    /** Lines applied in the last minute, up to now, and the instant that minute ends. */
    public record LastMinute(long lines, Instant asOf) {

        public double perSecond() {
            return (double) lines / WINDOW_SECONDS;
        }
    }

    public LastMinute lastMinute() {
        Instant now = clock.instant();
        long newest = now.getEpochSecond();
        Map<Object, Object> counts = pipelines.call(() -> pipelines.template().opsForHash().entries(COUNTS_KEY));
        long lines = 0;
        for (Map.Entry<Object, Object> count : counts.entrySet()) {
            long second = Long.parseLong(String.valueOf(count.getKey()));
            if (second > newest - WINDOW_SECONDS && second <= newest) {
                lines += Long.parseLong(String.valueOf(count.getValue()));
            }
        }
        return new LastMinute(lines, now);
    }
}
