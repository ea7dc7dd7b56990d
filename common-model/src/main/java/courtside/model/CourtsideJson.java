package courtside.model;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

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
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // A text field takes text only: game id 0022100012 sent as a number would lose its zeros.
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // Dates are ISO strings, not [2021, 10, 20] or a number.
                .addModule(new SimpleModule("courtside-dates").addDeserializer(LocalDate.class, new IsoDateOnly()))
                // Totals such as 2000.000 minutes are written as 2000, never 2E+3.
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                // Minutes such as 36.748 stay exact decimals, also inside a JSON tree.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** A mapper with the courtside settings, for code that runs outside a Spring context. */
    public static JsonMapper mapper() {
        return configure(JsonMapper.builder()).build();
    }

    /**
     * Reads a date from an ISO string only. Jackson's own java.time reader also takes {@code [2021, 10, 20]}
     * and ignores the coercion settings for it, so this replaces it for {@link LocalDate}.
     */
    private static final class IsoDateOnly extends StdScalarDeserializer<LocalDate> {

        IsoDateOnly() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getString().trim();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not an ISO date (YYYY-MM-DD)");
            }
        }
    }
}
