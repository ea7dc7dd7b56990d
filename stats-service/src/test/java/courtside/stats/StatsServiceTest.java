package courtside.stats;

import courtside.embedded.spring.EmbeddedStackInitializer;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one entry point of stats-service's integration tests: the whole service on a random port, against the
 * real PostgreSQL and Kafka of the JVM's shared embedded stack (wired through the same DB_HOST, KAFKA_BROKER…
 * variables as production). Test classes that share it share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "LOG_FORMAT=",
        // Most tests post without a key; ApiKeyTests sets keys, which then are required whatever this says.
        "STATS_ANONYMOUS_WRITES=true",
        "courtside.outbox.poll-interval=50ms",
        "courtside.outbox.max-backoff=500ms",
        // Tests talk from loopback, thousands of requests a test: unlimited, as the bench is. Tests of the rate
        // limits play remote clients through X-Forwarded-For, trusted from loopback here only.
        "courtside.rate-limit.unlimited-clients=127.0.0.1,0:0:0:0:0:0:0:1",
        "courtside.rate-limit.trusted-proxies=127.0.0.1,0:0:0:0:0:0:0:1"})
@ContextConfiguration(initializers = EmbeddedStackInitializer.class)
@AutoConfigureRestTestClient
@Import(ManagementClient.class)
public @interface StatsServiceTest {
}
