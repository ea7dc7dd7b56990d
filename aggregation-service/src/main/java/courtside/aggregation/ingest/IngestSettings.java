package courtside.aggregation.ingest;

import courtside.model.StatLineTopic;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the stat-line consumer. How many consumers run is Spring Kafka's own
 * {@code spring.kafka.listener.concurrency}; the group is {@code spring.kafka.consumer.group-id}.
 *
 * @param topic      the stat-line topic; its dead-letter topic is the same name with {@code .DLT}
 * @param partitions partitions of the topics when this service is the first to create them
 * @param replicas   replication factor when this service creates them
 */
@Validated
@ConfigurationProperties("courtside.ingest")
public record IngestSettings(
        @DefaultValue(StatLineTopic.DEFAULT_NAME) @NotBlank String topic,
        @DefaultValue("" + StatLineTopic.MIN_PARTITIONS) @Min(StatLineTopic.MIN_PARTITIONS) int partitions,
        @DefaultValue("1") @Min(1) short replicas) {
}
