package courtside.stats.line;

import courtside.model.BoxScoreStat;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Describes the stats of a posted line in the OpenAPI document as the flat fields they are. swagger-core sees
 * {@link PostedStats} as a map it cannot unwrap, so the request's schema is completed here, from the enum, with
 * each stat's bounds: the counting stats required, the shooting block optional.
 */
@Component
final class PostedStatsSchema implements OpenApiCustomizer {

    private static final String REQUEST = StatLineRequest.class.getSimpleName();
    // The property the request record has, and the one swagger-core finds in PostedStats when it unwraps it.
    private static final String STATS = "stats";
    private static final String VALUES = "values";

    @Override
    public void customise(OpenAPI document) {
        if (document.getComponents() == null || document.getComponents().getSchemas() == null) {
            return;
        }
        Schema<?> request = document.getComponents().getSchemas().get(REQUEST);
        if (request == null || request.getProperties() == null) {
            return;
        }
        Map<String, Schema> properties = request.getProperties();
        properties.remove(STATS);
        properties.remove(VALUES);
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            Schema<?> value = stat == BoxScoreStat.MINUTES_PLAYED
                    ? new NumberSchema().description("at most 48 + 5 per overtime period, 3 decimals")
                    : new IntegerSchema().maximum(BigDecimal.valueOf(stat.maximum()));
            properties.put(stat.wireName(), value.minimum(BigDecimal.ZERO));
            if (!stat.isShooting()) {
                request.addRequiredItem(stat.wireName());
            }
        }
    }
}
