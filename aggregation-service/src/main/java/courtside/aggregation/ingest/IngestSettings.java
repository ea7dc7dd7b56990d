package courtside.aggregation.ingest;

import courtside.model.StatLineTopic;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the stat-line consumer. How many consumers run is Spring Kafka's own
 * {@code spring.kafka.listener.concurrency}; the group is {@code spring.kafka.consumer.group-id}.
 *
 * @param topic            the stat-line topic; its dead-letter topic is the same name with {@code .DLT}
 * @param partitions       partitions of the topics when this service is the first to create them
 * @param replicas         replication factor when this service creates them
 * @param stallAfter       how long the consumer may go without getting through a batch, while records wait or a
 *                         batch keeps failing, before readiness reports it {@code DEGRADED}
 * @param maxRetryInterval the longest pause between two attempts at a batch that fails transiently (Redis or
 *                         PostgreSQL down); the pauses grow from 200 ms up to it
 * @param sessionTimeout    how long the group waits for a consumer that stopped heartbeating (a killed instance)
 *                          before its partitions move to the others: Kafka's {@code session.timeout.ms}
 * @param heartbeatInterval Kafka's {@code heartbeat.interval.ms}, at most a third of the session timeout
 */
@Validated
@ConfigurationProperties("courtside.ingest")
public record IngestSettings(
        @DefaultValue(StatLineTopic.DEFAULT_NAME) @NotBlank String topic,
        @DefaultValue("" + StatLineTopic.MIN_PARTITIONS) @Min(StatLineTopic.MIN_PARTITIONS) int partitions,
        @DefaultValue("1") @Min(1) short replicas,
        @DefaultValue("30s") @NotNull Duration stallAfter,
        @DefaultValue("5s") @NotNull Duration maxRetryInterval,
        @DefaultValue("6s") @NotNull Duration sessionTimeout,
        @DefaultValue("2s") @NotNull Duration heartbeatInterval) {

    @AssertTrue(message = "heartbeat-interval must be at most a third of session-timeout")
    boolean isHeartbeatWithinSession() {
        return heartbeatInterval == null || sessionTimeout == null
                || heartbeatInterval.multipliedBy(3).compareTo(sessionTimeout) <= 0;
    }
}
