package courtside.bench.verify;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a cached average differs from the SQL one: counts, sums and every other integer exactly, averages and
 * percentages within 1e-6 (docs/design.md I1), the same fields on both sides.
 */
final class AverageDifferences {

    private static final double TOLERANCE = 1e-6;

    private AverageDifferences() {
    }

    /** Each difference as {@code path: cached X, SQL Y}; empty when the answers agree. */
    static List<String> between(JsonNode cached, JsonNode sql) {
        List<String> differences = new ArrayList<>();
        compare("", cached, sql, differences);
        return differences;
    }

    private static void compare(String path, JsonNode cached, JsonNode sql, List<String> differences) {
        if (cached.isObject() && sql.isObject()) {
            Set<String> fields = new TreeSet<>(cached.propertyNames());
            fields.addAll(sql.propertyNames());
            for (String field : fields) {
                String at = path.isEmpty() ? field : path + "." + field;
                if (!cached.has(field) || !sql.has(field)) {
                    differences.add("%s: cached %s, SQL %s".formatted(at, cached.path(field), sql.path(field)));
                } else {
                    compare(at, cached.get(field), sql.get(field), differences);
                }
            }
        } else if (cached.isNumber() && sql.isNumber()) {
            boolean equal = cached.isIntegralNumber() && sql.isIntegralNumber()
                    ? cached.bigIntegerValue().equals(sql.bigIntegerValue())
                    : Math.abs(cached.doubleValue() - sql.doubleValue()) <= TOLERANCE;
            if (!equal) {
                differences.add("%s: cached %s, SQL %s".formatted(path, cached, sql));
            }
        } else if (!cached.equals(sql)) {
            differences.add("%s: cached %s, SQL %s".formatted(path, cached, sql));
        }
    }
}
