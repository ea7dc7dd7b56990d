package courtside.support.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitSettingsTests {

    private static final List<String> SERVICE_DEFAULT = List.of("/player/*/stats");

    @Test
    void aServiceDefaultFillsInOnlyWhenTheConfigurationNamesNoExpensiveReads() {
        assertThat(settings(null).withDefaultExpensiveReadPaths(SERVICE_DEFAULT).expensiveReadPaths())
                .isEqualTo(SERVICE_DEFAULT);
        assertThat(settings(List.of("/search")).withDefaultExpensiveReadPaths(SERVICE_DEFAULT).expensiveReadPaths())
                .containsExactly("/search");
        assertThat(settings(List.of()).withDefaultExpensiveReadPaths(SERVICE_DEFAULT).expensiveReadPaths())
                .as("configured empty: no read is expensive").isEmpty();
    }

    @Test
    void theOtherSettingsAreKeptWithTheDefault() {
        RateLimitSettings filled = settings(null).withDefaultExpensiveReadPaths(SERVICE_DEFAULT);
        assertThat(filled.writes()).isEqualTo(new RateLimitSettings.Budget(300, Duration.ofSeconds(10)));
        assertThat(filled.trustedProxies()).containsExactly("10.0.0.5");
        assertThat(filled.maxClients()).isEqualTo(7);
    }

    private static RateLimitSettings settings(List<String> expensiveReadPaths) {
        return new RateLimitSettings(true, null, expensiveReadPaths, null, null, List.of("10.0.0.5"), List.of(), 7,
                Duration.ofMinutes(10));
    }
}
