package courtside.embedded.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import courtside.embedded.EmbeddedStack;

/**
 * Points a Spring test at the JVM's shared {@link EmbeddedStack}:
 * {@code @ContextConfiguration(initializers = EmbeddedStackInitializer.class)}.
 *
 * <p>It adds the stack's environment variables ({@code DB_HOST}, {@code KAFKA_BROKER}, ...) as the first
 * property source, so the service's own {@code application.yml} resolves {@code ${DB_HOST}} and the rest
 * exactly as in production, and the test exercises that mapping too instead of overriding
 * {@code spring.datasource.url} behind its back.
 */
public final class EmbeddedStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The name of the property source, for tests that want to inspect or replace it. */
    public static final String PROPERTY_SOURCE_NAME = "embeddedStack";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new LinkedHashMap<>(EmbeddedStack.shared().environment());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
    }
}
