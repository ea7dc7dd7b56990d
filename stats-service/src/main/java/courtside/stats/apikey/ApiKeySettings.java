package courtside.stats.apikey;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Who may write ({@code POST /log}, {@code DELETE /log/...}). Closed by default: with no key the service refuses to
 * start, unless anonymous writes are switched on explicitly.
 *
 * @param keys            the accepted {@code X-API-Key} values ({@code STATS_API_KEY}, comma-separated): more than
 *                        one while a key is rotated (add the new one, move the clients, drop the old one)
 * @param anonymousWrites writes without a key when no key is set ({@code STATS_ANONYMOUS_WRITES}); for a local run
 *                        or a test, never for a service others can reach
 */
@Validated
@ConfigurationProperties("courtside.api")
public record ApiKeySettings(@DefaultValue List<String> keys, @DefaultValue("false") boolean anonymousWrites) {

    /** Shorter keys are guessable; a generated key ({@code openssl rand -hex 32}) is 64 characters. */
    static final int MIN_KEY_LENGTH = 16;

    public ApiKeySettings {
        // "a, b" and a trailing comma are what people type in an environment variable.
        keys = keys.stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
    }

    /** Writes need one of {@link #keys()}. */
    public boolean keyRequired() {
        return !keys.isEmpty();
    }

    @AssertTrue(message = "no API key is set: set STATS_API_KEY (one key, or several separated by commas), or allow "
            + "anonymous writes explicitly with STATS_ANONYMOUS_WRITES=true")
    boolean isKeyOrAnonymousWritesChosen() {
        return keyRequired() || anonymousWrites;
    }

    @AssertTrue(message = "every key in STATS_API_KEY must have at least " + MIN_KEY_LENGTH + " characters")
    boolean isEveryKeyLongEnough() {
        return keys.stream().allMatch(key -> key.length() >= MIN_KEY_LENGTH);
    }
}
