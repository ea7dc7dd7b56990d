package courtside.aggregation.cache;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * When readiness calls Redis full. Redis runs with {@code maxmemory} and {@code noeviction} (a ledger is whole or
 * missing), so once full it refuses every write, and the cached averages stop following the lines.
 *
 * @param fullAt                 the share of {@code maxmemory} in use from which Redis counts as full
 * @param writeFailureShowsFor   how long a write Redis refused for want of memory keeps readiness degraded; the
 *                               consumer retries a failing batch at least every {@code courtside.ingest.max-retry-interval},
 *                               so while Redis stays full, failures keep coming within it
 */
@Validated
@ConfigurationProperties("courtside.redis.memory")
public record RedisMemorySettings(
        @DefaultValue("0.95") @DecimalMin("0.01") @DecimalMax("1.0") double fullAt,
        @DefaultValue("10s") @NotNull Duration writeFailureShowsFor) {
}
