package courtside.aggregation.cache;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the service treats its Redis beyond Spring Boot's own {@code spring.data.redis.*}.
 *
 * @param answerWithin a connection that owes Redis's answers and has heard nothing back for this long is closed and
 *                     opened again ({@link ShotClock}). Longer than any one command should take (the command
 *                     timeout is 1 s); what a network cut costs once it is over is the reconnect delay (at most 2 s),
 *                     not this.
 * @param memory       when readiness calls Redis full
 */
@Validated
@ConfigurationProperties("courtside.redis")
public record RedisSettings(@DefaultValue("3s") Duration answerWithin, @DefaultValue @Valid Memory memory) {

    public RedisSettings {
        if (answerWithin.isNegative() || answerWithin.isZero()) {
            throw new IllegalArgumentException("courtside.redis.answer-within must be positive: " + answerWithin);
        }
    }

    /**
     * When readiness calls Redis full. Redis runs with {@code maxmemory} and {@code noeviction} (a ledger is whole or
     * missing), so once full it refuses every write, and the cached averages stop following the lines.
     *
     * @param fullAt               the share of {@code maxmemory} in use from which Redis counts as full
     * @param writeFailureShowsFor how long a write Redis refused for want of memory keeps readiness degraded; the
     *                             consumer retries a failing batch at least every
     *                             {@code courtside.ingest.max-retry-interval}, so while Redis stays full, failures
     *                             keep coming within it
     */
    public record Memory(
            @DefaultValue("0.95") @DecimalMin("0.01") @DecimalMax("1.0") double fullAt,
            @DefaultValue("10s") @NotNull Duration writeFailureShowsFor) {
    }
}
