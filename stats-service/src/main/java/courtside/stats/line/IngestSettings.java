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
 * @param maxRequestSize the largest body accepted (413 above): 1,000 full lines take 0.7 MB pretty-printed, 1.8 MB
 *                       with every character of a 100-character name escaped as a surrogate pair
 */
@Validated
@ConfigurationProperties("courtside.ingest")
public record IngestSettings(
        @DefaultValue("1000") @Min(1) @Max(10_000) int maxBatchLines,
        @DefaultValue("2MB") DataSize maxRequestSize) {
}
