package courtside.model;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the JSON value of {@link StatLineChanged} records. Reading tolerates fields it does not
 * know, so that a producer on a newer schema can add a field without stopping older consumers; anything
 * else that is wrong (a missing required field, a bad type) fails, and the consumer dead-letters it.
 */
public final class StatLineEventCodec {

    private final ObjectWriter writer;
    private final ObjectReader reader;

    public StatLineEventCodec(JsonMapper mapper) {
        this.writer = mapper.writerFor(StatLineChanged.class);
        this.reader = mapper.readerFor(StatLineChanged.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A codec on the courtside JSON settings. */
    public StatLineEventCodec() {
        this(CourtsideJson.mapper());
    }

    public String write(StatLineChanged event) {
        return writer.writeValueAsString(event);
    }

    /**
     * @throws tools.jackson.core.JacksonException when the value is not a readable event
     */
    public StatLineChanged read(byte[] json) {
        return reader.readValue(json);
    }

    /**
     * @throws tools.jackson.core.JacksonException when the value is not a readable event
     */
    public StatLineChanged read(String json) {
        return reader.readValue(json);
    }
}
