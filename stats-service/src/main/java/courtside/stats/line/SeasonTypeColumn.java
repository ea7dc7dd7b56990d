package courtside.stats.line;

import courtside.model.SeasonType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a season type by its wire name, as the table's CHECK constraint expects. */
@Converter(autoApply = true)
final class SeasonTypeColumn implements AttributeConverter<SeasonType, String> {

    @Override
    public String convertToDatabaseColumn(SeasonType type) {
        return type == null ? null : type.wireName();
    }

    @Override
    public SeasonType convertToEntityAttribute(String column) {
        return column == null ? null : SeasonType.fromWireName(column);
    }
}
