package courtside.aggregation.ratelimit;

import courtside.support.ratelimit.RateLimitFilter;
import courtside.support.ratelimit.RateLimitSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/** aggregation-service's part of the shared rate limits: which reads are expensive; it takes no API key. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitSettings.class)
class RateLimitConfiguration {

    /**
     * The reads that are not O(1) from Redis ({@code courtside.rate-limit.expensive-read-paths} when not set); a
     * cached average has no budget.
     */
    static final List<String> EXPENSIVE_READ_PATHS =
            List.of("/search", "/distribution/**", "/leaders", "/leaders/**", "/games/**");

    /**
     * Right after the security headers, before any other filter reads a body or a database. The filter is the same
     * as stats-service's; aggregation-service takes no API key (nothing on its service port answers 401, so its
     * failed-authentication budget is never spent), hence no request carries a valid one.
     */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimit(RateLimitSettings settings, JsonMapper json) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
                new RateLimitFilter(settings.withDefaultExpensiveReadPaths(EXPENSIVE_READ_PATHS), json, request -> false));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
