package courtside.support.problem;

import courtside.model.Split;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The split parameters of both services' average endpoints ({@code last}, {@code from}, {@code to}, {@code vs}),
 * read from their text like {@code per_mode}: the cached-average GET takes plain parameters (binding cost more than
 * the lookup, docs/performance) and both services refuse a bad value with the same problem. The first bad parameter,
 * in that order, is the one answered.
 */
public final class SplitParameters {

    private SplitParameters() {
    }

    /**
     * The split these parameters ask for, or {@code null} when none is given (the whole season).
     *
     * @throws InvalidRequestParameterException (400) for {@code last} outside 1..82, a date that is not
     *                                          {@code yyyy-mm-dd}, {@code to} before {@code from}, or {@code vs} not a
     *                                          positive integer
     */
    public static Split of(String last, String from, String to, String vs) {
        if (last == null && from == null && to == null && vs == null) {
            return null;
        }
        Integer games = last == null ? null : last(last);
        LocalDate first = from == null ? null : date("from", from);
        LocalDate end = to == null ? null : date("to", to);
        if (first != null && end != null && end.isBefore(first)) {
            throw InvalidRequestParameterException.of("to", "must not be before from");
        }
        Long opponent = vs == null ? null : opponent(vs);
        return new Split(games, first, end, opponent);
    }

    private static int last(String text) {
        try {
            int games = Integer.parseInt(text);
            if (games >= 1 && games <= Split.MOST_GAMES) {
                return games;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidRequestParameterException.of("last", "must be an integer from 1 to " + Split.MOST_GAMES);
    }

    private static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw InvalidRequestParameterException.of(name, "must be a date as yyyy-mm-dd");
        }
    }

    private static long opponent(String text) {
        try {
            long team = Long.parseLong(text);
            if (team > 0) {
                return team;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidRequestParameterException.of("vs", "must be a positive integer");
    }
}
