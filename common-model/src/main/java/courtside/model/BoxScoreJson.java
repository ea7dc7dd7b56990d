package courtside.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.util.NameTransformer;

import java.math.BigDecimal;

/**
 * Writes a {@link BoxScore} field by field in the wire order ({@link BoxScore#fieldNames()}). Jackson's
 * own record writer would do the same, except that a line unwrapping it could not leave its {@code null}s out:
 * this writer follows the inclusion of the property it is written for, so an event sends {@code "fgm":null} and
 * an answer with {@code @JsonInclude(NON_NULL)} leaves it out, as both did before the value existed.
 */
final class BoxScoreJson extends StdSerializer<BoxScore> {

    private final boolean unwrapping;
    private final boolean skipNulls;

    BoxScoreJson() {
        this(false, false);
    }

    private BoxScoreJson(boolean unwrapping, boolean skipNulls) {
        super(BoxScore.class);
        this.unwrapping = unwrapping;
        this.skipNulls = skipNulls;
    }

    @Override
    public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
        if (property == null) {
            return this;
        }
        JsonInclude.Include inclusion = property
                .findPropertyInclusion(context.getConfig(), property.getMember().getDeclaringClass())
                .getValueInclusion();
        boolean skip = inclusion == JsonInclude.Include.NON_NULL || inclusion == JsonInclude.Include.NON_ABSENT
                || inclusion == JsonInclude.Include.NON_EMPTY;
        return skip == skipNulls ? this : new BoxScoreJson(unwrapping, skip);
    }

    @Override
    public boolean isUnwrappingSerializer() {
        return unwrapping;
    }

    @Override
    public ValueSerializer<BoxScore> unwrappingSerializer(NameTransformer unwrapper) {
        return new BoxScoreJson(true, skipNulls);
    }

    @Override
    public void serialize(BoxScore line, JsonGenerator json, SerializationContext context) {
        if (!unwrapping) {
            json.writeStartObject(line);
        }
        line.fields().forEach((name, value) -> write(json, name, value));
        if (!unwrapping) {
            json.writeEndObject();
        }
    }

    private void write(JsonGenerator json, String name, Number value) {
        if (value == null && skipNulls) {
            return;
        }
        json.writeName(name);
        switch (value) {
            case null -> json.writeNull();
            case BigDecimal decimal -> json.writeNumber(decimal);
            default -> json.writeNumber(value.intValue());
        }
    }
}
