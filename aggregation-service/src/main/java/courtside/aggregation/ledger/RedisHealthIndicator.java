package courtside.aggregation.ledger;

import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.cache.RedisPipelines;
import courtside.aggregation.cache.RedisSettings;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Redis's part of readiness, in place of Spring Boot's: an unreachable Redis is {@code DEGRADED}, not
 * {@code DOWN}, because every read still answers from PostgreSQL (X-Cache: BYPASS). Taking every instance out
 * of rotation would turn a cache outage into an outage.
 *
 * <p>A full Redis is {@code DEGRADED} too, for the same reason: it refuses every write (noeviction), so the
 * consumer stalls and no ledger can be loaded, while the cached averages are still served and a miss is answered
 * from PostgreSQL. Full means {@code used_memory} at {@code courtside.redis.memory.full-at} of {@code maxmemory} or
 * above, or a write refused with OOM within {@code write-failure-shows-for} (Redis can refuse before the share
 * is reached: a big load script, its own buffers). The details give both figures, so that an operator sees why.
 */
@Component("redisHealthIndicator")
final class RedisHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Redis unreachable: averages are answered from PostgreSQL");
    static final Status FULL = new Status("DEGRADED",
            "Redis memory full: writes are refused (OOM), new lines are not cached; raise maxmemory or keep fewer seasons");

    private final CacheLayout layout;
    private final RedisPipelines pipelines;
    private final RedisSettings.Memory settings;
    private final Clock clock = Clock.systemUTC();

    RedisHealthIndicator(CacheLayout layout, RedisPipelines pipelines, RedisSettings settings) {
        this.layout = layout;
        this.pipelines = pipelines;
        this.settings = settings.memory();
    }

    @Override
    public Health health() {
        try {
            Health.Builder health = Health.up().withDetail("filled_by_full_rebuild", layout.layoutCurrent());
            Properties memory = pipelines.call(() -> pipelines.template().execute(
                    (RedisCallback<Properties>) connection -> connection.serverCommands().info("memory")));
            long used = number(memory, "used_memory");
            long max = number(memory, "maxmemory");
            health.withDetail("used_memory", used).withDetail("maxmemory", max);
            boolean nearlyFull = false;
            if (max > 0) {
                double share = (double) used / max;
                health.withDetail("used_memory_share", share);
                nearlyFull = share >= settings.fullAt();
            }
            Optional<Instant> refused = pipelines.lastOutOfMemory()
                    .filter(at -> at.isAfter(clock.instant().minus(settings.writeFailureShowsFor())));
            refused.ifPresent(at -> health.withDetail("last_write_refused_out_of_memory", at.toString()));
            if (nearlyFull || refused.isPresent()) {
                health.status(FULL);
            }
            return health.build();
        } catch (CacheUnavailableException e) {
            return Health.status(DEGRADED).withDetail("error", e.getCause().getClass().getSimpleName()).build();
        }
    }

    private static long number(Properties info, String field) {
        String value = info.getProperty(field);
        return value == null ? 0 : Long.parseLong(value.strip());
    }
}
