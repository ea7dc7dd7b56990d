package courtside.system;

import courtside.aggregation.AggregationServiceApplication;
import courtside.stats.StatsServiceApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.UrlResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/**
 * Each service's context configured as its own jar alone would configure it, although both jars are on this
 * module's classpath. Both have an application.yml at their root, where "classpath:application.yml" is whichever
 * comes first: so the default config files are switched off ({@link #OWN_APPLICATION_YML_ONLY}) and an initializer
 * adds the service's own file, read from its jar. And each context leaves out the auto-configuration that only the
 * other service's dependencies bring in.
 */
final class OwnConfiguration {

    /** A config name no jar has: Spring Boot loads no application.yml from the classpath by itself. */
    static final String OWN_APPLICATION_YML_ONLY = "spring.config.name=courtside-own-application-yml-only";

    /** aggregation-service's Redis client, which stats-service neither has nor needs. */
    static final String STATS_SERVICE_WITHOUT_REDIS = "spring.autoconfigure.exclude="
            + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
            + "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration";

    /**
     * stats-service's Flyway and JPA: aggregation-service has neither (it only reads, through its SELECT-only role),
     * as in its own tests.
     */
    static final String AGGREGATION_SERVICE_WITHOUT_PERSISTENCE = "spring.autoconfigure.exclude="
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
            + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
            + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration";

    private OwnConfiguration() {
    }

    /** The application.yml in the jar (or classes folder) of a service's main class. */
    static List<PropertySource<?>> applicationYmlOf(Class<?> application) {
        try {
            String base = application.getProtectionDomain().getCodeSource().getLocation().toString();
            URI config = URI.create(base.endsWith(".jar") ? "jar:" + base + "!/application.yml" : base + "application.yml");
            return new YamlPropertySourceLoader().load(application.getSimpleName() + " application.yml", new UrlResource(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addLast(ConfigurableApplicationContext context, Class<?> application) {
        applicationYmlOf(application).forEach(context.getEnvironment().getPropertySources()::addLast);
    }

    /** For a stats-service test context: its own application.yml. */
    static final class StatsService implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            addLast(context, StatsServiceApplication.class);
        }
    }

    /** For an aggregation-service test context: its own application.yml. */
    static final class AggregationService implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            addLast(context, AggregationServiceApplication.class);
        }
    }
}
