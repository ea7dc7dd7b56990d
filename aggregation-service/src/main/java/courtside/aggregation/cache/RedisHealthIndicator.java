package courtside.aggregation.cache;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Redis's part of readiness, in place of Spring Boot's: an unreachable Redis is {@code DEGRADED}, not
 * {@code DOWN}, because every read still answers from PostgreSQL (X-Cache: BYPASS). Taking every instance out
 * of rotation would turn a cache outage into an outage.
 */
@Component("redisHealthIndicator")
final class RedisHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Redis unreachable: averages are answered from PostgreSQL");

    private final SeasonCache cache;

    RedisHealthIndicator(SeasonCache cache) {
        this.cache = cache;
    }

    @Override
    public Health health() {
        try {
            return Health.up().withDetail("filled_by_full_rebuild", cache.layoutCurrent()).build();
        } catch (CacheUnavailableException e) {
            return Health.status(DEGRADED).withDetail("error", e.getCause().getClass().getSimpleName()).build();
        }
    }
}
