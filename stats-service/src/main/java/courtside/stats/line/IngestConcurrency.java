package courtside.stats.line;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The bulkhead of {@code POST /log}: how many requests may be parsed, validated and stored at once. Each holds at
 * most one batch (1,000 lines, a few MB while it is bound), so this bounds the memory and the database connections
 * ingest can take however many clients post; a request that finds it full waits {@code maxWait} and then gets 503
 * with {@code Retry-After}.
 *
 * @param maxConcurrent requests in progress at once: below the connection pool's 16, so that reads, the outbox relay
 *                      and retention still get a connection while every write place is taken
 * @param maxWait       how long a request waits for a place before 503: as long as a write may wait for a database
 *                      connection ({@code spring.datasource.hikari.connection-timeout}, 3 s). A waiting request holds
 *                      a virtual thread and its unread body in the socket, no batch and no connection, so waiting is
 *                      cheap; a shorter wait refused bursts the service clears in a second
 *                      (docs/performance/README.md)
 * @param retryAfter    what the 503 tells the client to wait, in whole seconds
 */
@Validated
@ConfigurationProperties("courtside.ingest.concurrency")
public record IngestConcurrency(
        @DefaultValue("12") @Min(1) @Max(1000) int maxConcurrent,
        @DefaultValue("3s") Duration maxWait,
        @DefaultValue("1s") Duration retryAfter) {
}
