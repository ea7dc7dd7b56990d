package courtside.stats.line;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code POST /log}.
 *
 * @param maxBatchLines  the most lines one request may carry (413 above)
 * @param maxRequestSize the largest body accepted (413 above), so one client cannot exhaust the heap
 */
@Validated
@ConfigurationProperties("courtside.ingest")
public record IngestSettings(
        @DefaultValue("1000") @Min(1) @Max(10_000) int maxBatchLines,
        @DefaultValue("4MB") DataSize maxRequestSize) {
}
