package courtside.aggregation.ingest;

import courtside.model.StatLineChanged;
import courtside.model.StatLineEventCodec;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record's value with the event codec of common-model. Wrapped in Spring Kafka's
 * {@code ErrorHandlingDeserializer} (see application.yml), so a value that cannot be read reaches the listener
 * as a failure, and from there the dead-letter topic, instead of stopping the partition.
 */
public final class StatLineChangedDeserializer implements Deserializer<StatLineChanged> {

    private final StatLineEventCodec codec = new StatLineEventCodec();

    @Override
    public StatLineChanged deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("the record has no value");
        }
        return codec.read(data);
    }
}
