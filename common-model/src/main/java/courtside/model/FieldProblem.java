package courtside.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Locale;

/**
 * One thing wrong with a request, in the {@code errors} list of a problem response.
 *
 * @param index   the line's position in a batch ({@code null} for a single line or a query parameter)
 * @param field   the wire name of the field or parameter, e.g. {@code minutes_played}
 * @param message what is wrong, in words a scorekeeper can act on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(Integer index, String field, String message) {

    /**
     * The wire name of a Java property or parameter, {@code minutesPlayed} to {@code minutes_played}: the same
     * snake_case the JSON mapping uses, so an error names the field as the client sent it.
     */
    public static String wireName(String javaName) {
        return javaName == null ? null : javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
