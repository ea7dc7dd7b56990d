package courtside.stats.ratelimit;

import courtside.stats.apikey.ApiKeys;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /**
     * Right after the security headers, before any other filter reads a body or a database. A valid key is what the
     * write side's API key check accepts: both ask {@link ApiKeys}.
     */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimit(RateLimitSettings settings, JsonMapper json, ApiKeys keys) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
                new RateLimitFilter(settings, json, keys::validIn));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
