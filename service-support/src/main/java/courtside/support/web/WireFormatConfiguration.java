package courtside.support.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import courtside.model.CourtsideJson;
import courtside.model.SeasonType;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.validation.Validator;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.beans.PropertyEditorSupport;

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

    /**
     * Spring Boot's binding initializer, plus an editor that reads {@code season_type} by its wire name. The
     * converter above alone is not enough: when a converter refuses a value, Spring's {@code TypeConverterDelegate}
     * tries the enum's constant names next, so {@code season_type=REGULAR} passed as {@code regular}
     * ({@code HostileClientTests}). A property editor is asked first and has no such fallback. Spring Boot uses this
     * bean in place of its own, which sets only the conversion service and the validator.
     */
    @Bean
    ConfigurableWebBindingInitializer exactSeasonTypes(@Qualifier("mvcConversionService") FormattingConversionService conversion,
                                                       @Qualifier("mvcValidator") Validator validator) {
        ConfigurableWebBindingInitializer initializer = new ConfigurableWebBindingInitializer();
        initializer.setConversionService(conversion);
        initializer.setValidator(validator);
        initializer.setPropertyEditorRegistrar(registry -> registry.registerCustomEditor(SeasonType.class, new WireNameEditor()));
        return initializer;
    }

    /** Reads a season type by its exact wire name; anything else is refused, which answers 400. */
    private static final class WireNameEditor extends PropertyEditorSupport {
        @Override
        public void setAsText(String text) {
            setValue(SeasonType.fromWireName(text));
        }
    }
}
