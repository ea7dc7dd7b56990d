package courtside.stats;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * stats-service: validates box-score lines, stores them in PostgreSQL and publishes every accepted change
 * to Kafka through a transactional outbox; answers lines, ids and SQL-computed season averages.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StatsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(StatsServiceApplication.class, args);
    }

    /** The one source of "now", so that date rules and timestamps can be tested. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
