package courtside.stats.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the outbox relay.
 *
 * @param topic        the stat-line topic
 * @param partitions   partitions of the topic when the relay creates it (at least 6, docs/design.md section 5)
 * @param replicas     replication factor when the relay creates it (1 on a single broker)
 * @param batchSize    outbox records published per transaction
 * @param pollInterval how long an idle relay waits before it looks again (a commit here wakes it at once)
 * @param maxBackoff   the longest pause between attempts while Kafka is unreachable
 */
@Validated
@ConfigurationProperties("courtside.outbox")
public record OutboxSettings(
        @DefaultValue("nba.stat-lines") @NotBlank String topic,
        @DefaultValue("6") @Min(6) int partitions,
        @DefaultValue("1") @Min(1) short replicas,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("5s") Duration maxBackoff) {
}
