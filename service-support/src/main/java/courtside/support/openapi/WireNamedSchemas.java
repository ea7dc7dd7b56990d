package courtside.support.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;

/**
 * The OpenAPI document names the fields of bodies and answers as the JSON on the wire does, in snake_case. The
 * services read and write JSON with Jackson 3 ({@link courtside.model.CourtsideJson}), but springdoc describes
 * the models with swagger-core, which introspects them with a Jackson 2 mapper of its own and never sees that
 * configuration: left alone, the document lists {@code gameId} where a client must send {@code game_id}.
 * springdoc uses a {@link ModelResolver} bean in place of its default one.
 */
public final class WireNamedSchemas {

    private WireNamedSchemas() {
    }

    /** The resolver for springdoc: swagger-core's own, with the wire's naming. */
    public static ModelResolver modelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
