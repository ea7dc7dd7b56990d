package courtside.model;

import java.time.LocalDate;
import java.time.Month;
import java.util.regex.Pattern;

/**
 * An NBA season such as {@code 2023-24}: it starts in August of its first year and runs into the next year,
 * so a game on 2023-10-24 and one on 2024-04-14 both belong to {@code 2023-24}.
 */
public final class Season {

    /** The wire form, {@code YYYY-YY}. */
    public static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}");

    /** August: a game from this month on belongs to the season that starts in its year. */
    private static final Month FIRST_MONTH = Month.AUGUST;

    private Season() {
    }

    /** The season a game played on {@code gameDate} belongs to, e.g. 2023-10-24 gives {@code 2023-24}. */
    public static String of(LocalDate gameDate) {
        int startYear = gameDate.getMonthValue() >= FIRST_MONTH.getValue() ? gameDate.getYear() : gameDate.getYear() - 1;
        return label(startYear);
    }

    /**
     * Whether {@code season} is well formed: {@code YYYY-YY} where the second year follows the first
     * ({@code 2021-22}, {@code 1999-00}), not merely two numbers with a dash.
     */
    public static boolean isValid(String season) {
        if (season == null || !FORMAT.matcher(season).matches()) {
            return false;
        }
        int startYear = Integer.parseInt(season, 0, 4, 10);
        return label(startYear).equals(season);
    }

    /** The first calendar year of a well-formed season, e.g. 2021 for {@code 2021-22}. */
    public static int startYear(String season) {
        if (!isValid(season)) {
            throw new IllegalArgumentException("not a season of the form YYYY-YY: " + season);
        }
        return Integer.parseInt(season, 0, 4, 10);
    }

    /** The season that starts in the autumn of {@code startYear}, e.g. {@code 2021-22} for 2021. */
    public static String startingIn(int startYear) {
        return label(startYear);
    }

    private static String label(int startYear) {
        return "%04d-%02d".formatted(startYear, (startYear + 1) % 100);
    }
}
