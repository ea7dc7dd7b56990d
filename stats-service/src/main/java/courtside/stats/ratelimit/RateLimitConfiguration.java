package courtside.stats.ratelimit;

import courtside.stats.apikey.ApiKeys;
import courtside.support.ratelimit.RateLimitFilter;
import courtside.support.ratelimit.RateLimitSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/** stats-service's part of the shared rate limits: which reads are expensive, and what a valid key is. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitSettings.class)
class RateLimitConfiguration {

    /** The reads that run SQL over the lines ({@code courtside.rate-limit.expensive-read-paths} when not set). */
    static final List<String> EXPENSIVE_READ_PATHS =
            List.of("/player/*/stats", "/team/*/stats", "/average/**", "/player/ids", "/team/ids");

    /**
     * Right after the security headers, before any other filter reads a body or a database. A valid key is what the
     * write side's API key check accepts: both ask {@link ApiKeys}.
     */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimit(RateLimitSettings settings, JsonMapper json, ApiKeys keys) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
                new RateLimitFilter(settings.withDefaultExpensiveReadPaths(EXPENSIVE_READ_PATHS), json, keys::validIn));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
