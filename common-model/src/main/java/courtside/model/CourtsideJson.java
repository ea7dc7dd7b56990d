package courtside.model;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration of courtside, used by both services' HTTP layers and by the event codec:
 * snake_case names, ISO dates, exact decimals, and strict reading so that a malformed box-score line
 * is rejected instead of silently changed.
 */
public final class CourtsideJson {

    private CourtsideJson() {
    }

    /**
     * Applies the courtside settings to a builder (Spring Boot hands its own builder to this through a
     * customizer, so the HTTP layer and the events read and write the same JSON).
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                // A typo in a stat name must not silently drop that stat.
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // "12" is not a number of points, and 12.5 points must not become 12.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // {"points": 10, "points": 20} has no single meaning.
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // Minutes such as 36.748 stay exact decimals, also inside a JSON tree.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** A mapper with the courtside settings, for code that runs outside a Spring context. */
    public static JsonMapper mapper() {
        return configure(JsonMapper.builder()).build();
    }
}
