package courtside.stats.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** Puts the {@link ConnectionGate} in front of Boot's Hikari pool. */
@Configuration(proxyBeanMethods = false)
class ConnectionGateConfiguration {

    @Bean
    static BeanPostProcessor connectionGateAroundThePool() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    return new ConnectionGate(pool, pool.getMaximumPoolSize(), Duration.ofMillis(pool.getConnectionTimeout()));
                }
                return bean;
            }
        };
    }
}
