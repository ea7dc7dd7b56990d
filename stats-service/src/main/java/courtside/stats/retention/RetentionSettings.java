package courtside.stats.retention;

import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of season retention, off unless {@code keepSeasons} is set.
 *
 * @param keepSeasons how many seasons to keep, the newest ones with lines; older seasons are dropped from
 *                    PostgreSQL and every read model. 0 (the default) turns retention off. The season of today
 *                    is never dropped, whatever the count.
 * @param every       how often retention runs; it also runs once right after startup
 */
@Validated
@ConfigurationProperties("courtside.retention")
public record RetentionSettings(
        @DefaultValue("0") @PositiveOrZero int keepSeasons,
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration every) {

    public boolean enabled() {
        return keepSeasons > 0;
    }
}
