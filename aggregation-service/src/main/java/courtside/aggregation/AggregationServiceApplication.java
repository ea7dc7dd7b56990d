package courtside.aggregation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * aggregation-service: consumes the stat-line events into per-player and per-team season sums in Redis, with
 * an exactly-once effect, rebuilds them from PostgreSQL (read-only) when they are missing, and answers season
 * averages from them in constant time.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AggregationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AggregationServiceApplication.class, args);
    }
}
