package courtside.stats.line;

import courtside.model.BoxScoreStat;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.util.NameTransformer;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@link BoxScoreStat}s of a line as a client posted them, each {@code null} when it was not posted (or posted
 * as {@code null}), so that a missing one is reported by its name instead of turning into 0. They sit flat among
 * the line's other fields ({@code @JsonUnwrapped} in {@link StatLineRequest}) and are read by the enum, so a new
 * stat needs no change here.
 */
@JsonDeserialize(using = PostedStats.Json.class)
public record PostedStats(Map<BoxScoreStat, Number> values) {

    public PostedStats {
        values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /** The stat as posted: an {@link Integer}, the {@link BigDecimal} minutes, or {@code null}. */
    public Number value(BoxScoreStat stat) {
        return values.get(stat);
    }

    /**
     * Reads the fields of a line that its request record does not know: Jackson hands an unwrapped value every
     * such field. A stat is read as an {@link Integer} (a {@link BigDecimal} for minutes) with the mapper's strict
     * rules; any other name is an unknown field, refused as the record itself would refuse it, because a misspelt
     * stat would otherwise be lost. A value's error names its field, as the record's own would.
     */
    public static final class Json extends ValueDeserializer<PostedStats> {

        private static final List<Object> STAT_NAMES = Arrays.stream(BoxScoreStat.values())
                .map(stat -> (Object) stat.wireName()).toList();
        // Looked up for every field of every posted line: a map, not a walk over BoxScoreStat.values() (a copy each).
        private static final Map<String, BoxScoreStat> STAT_BY_NAME = Arrays.stream(BoxScoreStat.values())
                .collect(Collectors.toUnmodifiableMap(BoxScoreStat::wireName, stat -> stat));

        private final boolean unwrapping;

        public Json() {
            this(false);
        }

        private Json(boolean unwrapping) {
            this.unwrapping = unwrapping;
        }

        @Override
        public ValueDeserializer<PostedStats> unwrappingDeserializer(DeserializationContext context,
                                                                     NameTransformer unwrapper) {
            // Jackson unwraps a property only when this gives it another instance than the plain one.
            return unwrapping ? this : new Json(true);
        }

        @Override
        public PostedStats deserialize(JsonParser parser, DeserializationContext context) {
            Map<BoxScoreStat, Number> values = new EnumMap<>(BoxScoreStat.class);
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT) {
                token = parser.nextToken();
            }
            for (; token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                BoxScoreStat stat = STAT_BY_NAME.get(name);
                if (stat == null) {
                    throw UnrecognizedPropertyException.from(parser, StatLineRequest.class, name, STAT_NAMES);
                }
                parser.nextToken();
                try {
                    Class<? extends Number> type = stat == BoxScoreStat.MINUTES_PLAYED ? BigDecimal.class : Integer.class;
                    Number value = context.readValue(parser, type);
                    if (value != null) {
                        values.put(stat, value);
                    }
                } catch (JacksonException e) {
                    throw JacksonException.wrapWithPath(e, StatLineRequest.class, name);
                }
            }
            return new PostedStats(values);
        }

        @Override
        public PostedStats getNullValue(DeserializationContext context) {
            return new PostedStats(Map.of());
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return new PostedStats(Map.of());
        }
    }
}
