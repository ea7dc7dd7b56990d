package courtside.stats.web;

import courtside.model.CourtsideJson;
import courtside.model.SeasonType;
import courtside.stats.apikey.ApiKeys;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import courtside.support.openapi.WireNamedSchemas;
import io.swagger.v3.core.jackson.ModelResolver;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.lang.annotation.ElementType;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final ApiKeys apiKeys;

    WebConfiguration(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    /** The HTTP layer reads and writes JSON exactly as the events do: one configuration, from common-model. */
    @Bean
    JsonMapperBuilderCustomizer courtsideJson() {
        return CourtsideJson::configure;
    }

    /** The OpenAPI document names fields as that JSON does. */
    @Bean
    ModelResolver wireNamedSchemas() {
        return WireNamedSchemas.modelResolver();
    }

    /**
     * Bean Validation checks every property it may reach. With JPA on the classpath, Hibernate Validator asks
     * JPA, property by property, whether it is loaded: meaningless for the request records validated here, and
     * costly (docs/performance/README.md). Every property is reachable.
     */
    @Bean
    ValidationConfigurationCustomizer everyPropertyReachable() {
        return configuration -> configuration.traversableResolver(new TraversableResolver() {
            @Override
            public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                                       ElementType elementType) {
                return true;
            }

            @Override
            public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                                        ElementType elementType) {
                return true;
            }
        });
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiKeyInterceptor(apiKeys)).addPathPatterns("/log", "/log/**");
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // ?season_type=playoffs, with the same exact spelling rules as the JSON field.
        registry.addConverter(String.class, SeasonType.class, SeasonType::fromWireName);
    }
}
