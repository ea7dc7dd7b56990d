package courtside.stats.line;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of {@code POST /log}.
 *
 * @param maxBatchLines   the most lines one request may carry (413 above)
 * @param maxRequestSize  the largest body accepted (413 above): 1,000 full lines take 0.7 MB pretty-printed, 1.8 MB
 *                        with every character of a 100-character name escaped as a surrogate pair
 * @param bodyReadTimeout how long the whole body may take to arrive once the request has its ingest place (408
 *                        after, nothing stored): Tomcat's connection timeout bounds each pause, this the sum of them,
 *                        so that a client dribbling a byte at a time cannot hold a place. A batch of 100 lines
 *                        (70 KB) takes well under a second even on a slow uplink; a full 2 MB body needs 16 s at
 *                        1 Mbit/s, so raise it for such clients
 */
@Validated
@ConfigurationProperties("courtside.ingest")
public record IngestSettings(
        @DefaultValue("1000") @Min(1) @Max(10_000) int maxBatchLines,
        @DefaultValue("2MB") DataSize maxRequestSize,
        @DefaultValue("10s") @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 5) Duration bodyReadTimeout) {
}
