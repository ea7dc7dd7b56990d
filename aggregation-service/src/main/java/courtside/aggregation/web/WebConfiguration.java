package courtside.aggregation.web;

import courtside.model.CourtsideJson;
import courtside.model.SeasonType;
import courtside.support.openapi.WireNamedSchemas;
import io.swagger.v3.core.jackson.ModelResolver;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /** The same JSON as stats-service and the events: one configuration, from common-model. */
    @Bean
    JsonMapperBuilderCustomizer courtsideJson() {
        return CourtsideJson::configure;
    }

    /** The OpenAPI document names fields as that JSON does. */
    @Bean
    ModelResolver wireNamedSchemas() {
        return WireNamedSchemas.modelResolver();
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // ?season_type=playoffs, with the same exact spelling rules as the JSON field.
        registry.addConverter(String.class, SeasonType.class, SeasonType::fromWireName);
    }

    /** First of all filters, so that even a rate-limited or rejected answer carries the headers. */
    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
        FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
