package courtside.stats.retention;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention is off unless asked for, is turned on by the environment variable docs/season-retention.md names, and
 * refuses nonsense.
 */
class RetentionSettingsTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @EnableConfigurationProperties(RetentionSettings.class)
    static class Settings {
    }

    @Test
    void offByDefaultAndHourlyWhenOn() {
        context.run(started -> {
            RetentionSettings settings = started.getBean(RetentionSettings.class);
            assertThat(settings.enabled()).isFalse();
            assertThat(settings.keepSeasons()).isZero();
            assertThat(settings.every()).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void theEnvironmentVariablesTurnItOn() {
        context.withInitializer(started -> started.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("COURTSIDE_RETENTION_KEEPSEASONS", "3", "COURTSIDE_RETENTION_EVERY", "30m"))))
                .run(started -> {
                    RetentionSettings settings = started.getBean(RetentionSettings.class);
                    assertThat(settings.enabled()).isTrue();
                    assertThat(settings.keepSeasons()).isEqualTo(3);
                    assertThat(settings.every()).isEqualTo(Duration.ofMinutes(30));
                });
    }

    @Test
    void aNegativeCountOrNoIntervalStopsTheStartup() {
        context.withPropertyValues("courtside.retention.keep-seasons=-1")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("courtside.retention.keep-seasons=2", "courtside.retention.every=0s")
                .run(started -> assertThat(started).hasFailed());
    }
}
