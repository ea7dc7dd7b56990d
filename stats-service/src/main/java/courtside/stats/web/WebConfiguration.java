package courtside.stats.web;

import courtside.support.web.WireFormatConfiguration;
import courtside.stats.apikey.ApiKeys;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.lang.annotation.ElementType;

/** The wire format comes from service-support, shared with the other service. */
@Configuration(proxyBeanMethods = false)
@Import(WireFormatConfiguration.class)
class WebConfiguration implements WebMvcConfigurer {

    private final ApiKeys apiKeys;

    WebConfiguration(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
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

}
