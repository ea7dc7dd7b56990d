package courtside.support.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import courtside.model.CourtsideJson;
import courtside.model.SeasonType;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The wire format of both services' HTTP layers, imported by each: the JSON of the events (one configuration,
 * from common-model), query parameters spelt as the JSON fields are, and an OpenAPI document that names fields as
 * that JSON does.
 */
@Configuration(proxyBeanMethods = false)
public class WireFormatConfiguration implements WebMvcConfigurer {

    /** The HTTP layer reads and writes JSON exactly as the events do. */
    @Bean
    JsonMapperBuilderCustomizer courtsideJson() {
        return CourtsideJson::configure;
    }

    /**
     * The services read and write JSON with Jackson 3, but springdoc describes the models with swagger-core, which
     * introspects them with a Jackson 2 mapper of its own and never sees {@link CourtsideJson}: left alone, the
     * document lists {@code gameId} where a client must send {@code game_id}. springdoc uses a
     * {@link ModelResolver} bean in place of its default one: swagger-core's own, with the wire's naming.
     */
    @Bean
    ModelResolver wireNamedSchemas() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // ?season_type=playoffs, with the same exact spelling rules as the JSON field.
        registry.addConverter(String.class, SeasonType.class, SeasonType::fromWireName);
    }
}
