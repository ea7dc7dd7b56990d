package courtside.aggregation;

import courtside.embedded.spring.EmbeddedStackInitializer;
import courtside.stats.ManagementClient;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one entry point of aggregation-service's integration tests: the whole service on a random port, against
 * the real PostgreSQL, Kafka and Redis of the JVM's shared embedded stack (through the same DB_HOST, KAFKA_BROKER,
 * REDIS_ADDR variables as production), next to a real stats-service that the lines are posted through.
 * Test classes that share it share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "LOG_FORMAT=",
        "courtside.rebuild.retry-every=1s",
        // Tests talk from loopback, thousands of requests a test: unlimited, as the bench is. Tests of the rate
        // limits play remote clients through X-Forwarded-For, trusted from loopback here only.
        "courtside.rate-limit.unlimited-clients=127.0.0.1,0:0:0:0:0:0:0:1",
        "courtside.rate-limit.trusted-proxies=127.0.0.1,0:0:0:0:0:0:0:1",
        // A consumer stuck on a batch shows in readiness within a test's patience.
        "courtside.ingest.stall-after=2s",
        // A batch failing while Redis or PostgreSQL is out is retried at most this far apart (5 s in production), so
        // that a test whose fault is over does not wait out the longest pause before the consumer goes on.
        "courtside.ingest.max-retry-interval=1s",
        // A write Redis refused for want of memory keeps readiness degraded this long (10 s in production):
        // RedisMemoryHealthTests sees it right after and then waits it out.
        "courtside.redis.memory.write-failure-shows-for=5s",
        AggregationServiceTest.WITHOUT_STATS_SERVICE_PERSISTENCE})
@ContextConfiguration(initializers = {AggregationServiceTest.StatsServiceFirst.class, EmbeddedStackInitializer.class})
@AutoConfigureRestTestClient
@Import({Pipeline.class, ManagementClient.class})
public @interface AggregationServiceTest {

    /**
     * stats-service is on the test classpath, and with it Flyway and JPA; aggregation-service itself has neither
     * (it only reads, through its SELECT-only role), so their auto-configuration is kept out of its context.
     */
    String WITHOUT_STATS_SERVICE_PERSISTENCE = "spring.autoconfigure.exclude="
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
            + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
            + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration";

    /** stats-service migrates the database (and creates the read-only role) before aggregation-service starts. */
    final class StatsServiceFirst implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            RunningStatsService.shared();
        }
    }
}
