package courtside.aggregation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * aggregation-service: consumes the stat-line events into per-player and per-team season sums in Redis, with
 * an exactly-once effect, rebuilds them from PostgreSQL (read-only) when they are missing, and answers season
 * averages from them in constant time.
 */
// Boot observes every Lettuce command (a Micrometer observation with its tags): the service sends thousands of
// pipelined commands a second, and that bookkeeping is among its largest costs per event (docs/performance/README.md).
// Redis is measured by the service's own metrics (courtside.events, courtside.freshness, courtside.cache.requests).
@SpringBootApplication(exclude = LettuceObservationAutoConfiguration.class)
@ConfigurationPropertiesScan
public class AggregationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AggregationServiceApplication.class, args);
    }
}
