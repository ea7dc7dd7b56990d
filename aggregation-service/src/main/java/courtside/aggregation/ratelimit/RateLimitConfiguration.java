package courtside.aggregation.ratelimit;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /**
     * Right after the security headers, before any other filter reads a body or a database. The filter is the same
     * as stats-service's; aggregation-service takes no API key (nothing on its service port answers 401, so its
     * failed-authentication budget is never spent), hence no request carries a valid one.
     */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimit(RateLimitSettings settings, JsonMapper json) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
                new RateLimitFilter(settings, json, request -> false));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
