package courtside.system;

import tools.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/** Two average answers compared field by field: counts and integer sums exactly, averages to 1e-6. */
final class Averages {

    private Averages() {
    }

    static void assertSame(String where, JsonNode cached, JsonNode sql) {
        if (sql.isObject()) {
            assertThat(cached.isObject()).as("%s is an object", where).isTrue();
            Set<String> fields = new HashSet<>(sql.propertyNames());
            assertThat(new HashSet<>(cached.propertyNames())).as("fields of %s", where).isEqualTo(fields);
            fields.forEach(field -> assertSame(where + "." + field, cached.get(field), sql.get(field)));
        } else if (sql.isIntegralNumber()) {
            assertThat(cached.isIntegralNumber()).as("%s is an integer", where).isTrue();
            assertThat(cached.longValue()).as(where).isEqualTo(sql.longValue());
        } else if (sql.isNumber()) {
            assertThat(cached.isNumber()).as("%s is a number", where).isTrue();
            assertThat(cached.doubleValue()).as(where).isCloseTo(sql.doubleValue(), within(1e-6));
        } else if (!sql.equals(cached)) {
            fail("%s: cached %s, SQL %s", where, cached, sql);
        }
    }
}
