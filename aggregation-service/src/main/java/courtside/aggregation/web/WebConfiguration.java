package courtside.aggregation.web;

import courtside.support.web.WireFormatConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The wire format comes from service-support, shared with the other service. */
@Configuration(proxyBeanMethods = false)
@Import(WireFormatConfiguration.class)
class WebConfiguration implements WebMvcConfigurer {

    /** First of all filters, so that even a rate-limited or rejected answer carries the headers. */
    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
        FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
