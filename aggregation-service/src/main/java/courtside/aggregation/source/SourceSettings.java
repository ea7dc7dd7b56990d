package courtside.aggregation.source;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How PostgreSQL is read. Under {@code courtside.rebuild}, where the setting has always been, since the full
 * rebuild is what reads the most rows.
 *
 * @param fetchSize rows fetched at a time inside a snapshot, so that a full rebuild never holds a whole table
 */
@Validated
@ConfigurationProperties("courtside.rebuild")
public record SourceSettings(@DefaultValue("2000") @Min(1) int fetchSize) {
}
