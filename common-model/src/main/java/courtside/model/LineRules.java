package courtside.model;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one rule set of a box-score line, shared by stats-service's {@code POST /log} validation and
 * aggregation-service's consumer, so that no event the API would refuse is ever applied and no event the API
 * accepts is ever refused downstream.
 *
 * <p>The rules, each a public piece so that the request validation reuses it rather than repeating it:
 * <ul>
 *   <li>every stat between 0 and {@link BoxScoreStat#maximum()} (single-game records with headroom);
 *       {@code plus_minus} within ±{@value #PLUS_MINUS_BOUND};</li>
 *   <li>{@code minutes_played} at least 0, at most {@value #MINUTES_DECIMALS} decimals and at most
 *       48 + 5 × {@code overtime_periods} ({@link #maxMinutes}); overtime periods 0 to {@value #MAX_OVERTIME_PERIODS};</li>
 *   <li>the shooting block all eight or none, consistent with itself and with points and rebounds
 *       ({@link #shootingProblems});</li>
 *   <li>{@code game_id}, {@code team_abbreviation} and {@code season} by pattern; the season is the one the game
 *       date belongs to; no game before the first NBA (BAA) season, {@link #FIRST_GAME_DATE};</li>
 *   <li>a player name in NFC, at most {@value #NAME_MAX_LENGTH} characters, not blank, without control, format
 *       (bidi overrides, zero-width), private-use, unassigned or lone surrogate characters, and without the
 *       characters the Redis read models use as separators ({@value #SEPARATORS}); see {@link #nameProblem}.</li>
 * </ul>
 * The "not after tomorrow" rule of {@code POST /log} is deliberately not here: the consumer's clock is not the
 * producer's, and an event the producer accepted yesterday must not become poison today.
 */
public final class LineRules {

    /** The first game of the BAA, the league that became the NBA: 1 November 1946 (Knicks at Huskies). */
    public static final LocalDate FIRST_GAME_DATE = LocalDate.of(1946, 11, 1);

    /** The form of a game id, for annotations: 1–32 characters of A–Z, a–z, 0–9, {@code _} or {@code -}. */
    public static final String GAME_ID_FORMAT = "[A-Za-z0-9_-]{1,32}";

    /** A game id: 1–32 characters of A–Z, a–z, 0–9, {@code _} or {@code -}. NBA ids look like {@code 0022300061}. */
    public static final Pattern GAME_ID = Pattern.compile(GAME_ID_FORMAT);

    /** The form of a team abbreviation, for annotations: 2–5 upper-case letters, e.g. {@code BOS}. */
    public static final String TEAM_ABBREVIATION_FORMAT = "[A-Z]{2,5}";

    /** A team abbreviation: 2–5 upper-case letters, e.g. {@code BOS}. */
    public static final Pattern TEAM_ABBREVIATION = Pattern.compile(TEAM_ABBREVIATION_FORMAT);

    /** The longest player name, in characters (Unicode code points, as PostgreSQL's {@code varchar(100)} counts). */
    public static final int NAME_MAX_LENGTH = 100;

    /** The most overtime periods a line may have; the longest NBA game had 6. */
    public static final int MAX_OVERTIME_PERIODS = 10;

    /** Minutes are kept to the thousandth (the Redis line state stores them as whole thousandths). */
    public static final int MINUTES_DECIMALS = 3;

    /**
     * The bound of {@code plus_minus} either way. The widest final margin ever is 73 (Cleveland over Miami, 1991;
     * Memphis over Oklahoma City, 2021), and a player's plus-minus over his minutes rarely passes ±60.
     */
    public static final int PLUS_MINUS_BOUND = 100;

    /**
     * Characters aggregation-service uses to separate fields: {@code |} in a line state, a standing and a leader
     * member; {@code :} between the parts of a Redis key; braces around a Redis Cluster hash tag. No string field
     * may carry them (the patterned ones cannot; a name is checked).
     */
    public static final String SEPARATORS = "|:{}";

    private static final BigDecimal REGULATION_MINUTES = new BigDecimal("48.0");
    private static final BigDecimal OVERTIME_MINUTES = new BigDecimal("5.0");

    private LineRules() {
    }

    /**
     * Everything that keeps an event from being applied, each with the wire name of its field and a {@code null}
     * index; empty when the event may be applied. Never throws, whatever the values: a consumer calls it on
     * anything that deserialised.
     */
    public static List<FieldProblem> problemsOf(StatLineChanged event) {
        List<FieldProblem> problems = new ArrayList<>();
        if (event.version() < 1) {
            problems.add(problem("version", "must be at least 1"));
        }
        gameIdProblem(event.gameId()).ifPresent(message -> problems.add(problem("game_id", message)));
        gameDateProblem(event.gameDate()).ifPresent(message -> problems.add(problem("game_date", message)));
        if (event.season() == null) {
            problems.add(problem("season", "is required"));
        } else {
            seasonProblem(event.season(), event.gameDate()).ifPresent(message -> problems.add(problem("season", message)));
        }
        if (event.seasonType() == null) {
            problems.add(problem("season_type", "is required"));
        }
        if (event.playerId() <= 0) {
            problems.add(problem("player_id", "must be a positive integer"));
        }
        if (event.teamId() <= 0) {
            problems.add(problem("team_id", "must be a positive integer"));
        }
        if (event.playerName() != null) {
            nameProblem(event.playerName()).ifPresent(message -> problems.add(problem("player_name", message)));
        }
        if (event.teamAbbreviation() != null) {
            teamAbbreviationProblem(event.teamAbbreviation())
                    .ifPresent(message -> problems.add(problem("team_abbreviation", message)));
        }
        BoxScore line = event.stats();
        for (BoxScoreStat stat : BoxScoreStat.counting()) {
            if (stat != BoxScoreStat.MINUTES_PLAYED) {
                statProblem(stat, line.value(stat).longValue())
                        .ifPresent(message -> problems.add(problem(stat.wireName(), message)));
            }
        }
        overtimeProblem(line.overtimePeriods()).ifPresent(message -> problems.add(problem("overtime_periods", message)));
        if (overtimeProblem(line.overtimePeriods()).isEmpty()) {
            minutesProblem(line.minutesPlayed(), line.overtimePeriods())
                    .ifPresent(message -> problems.add(problem("minutes_played", message)));
        }
        problems.addAll(shootingProblems(line));
        if (line.plusMinus() != null) {
            plusMinusProblem(line.plusMinus()).ifPresent(message -> problems.add(problem("plus_minus", message)));
        }
        return List.copyOf(problems);
    }

    /** What is wrong with a game id, if anything. */
    public static Optional<String> gameIdProblem(String gameId) {
        if (gameId == null) {
            return Optional.of("is required");
        }
        return GAME_ID.matcher(gameId).matches() ? Optional.empty()
                : Optional.of("must be 1-32 characters of A-Z, a-z, 0-9, _ or -");
    }

    /** What is wrong with a team abbreviation, if anything ({@code null} is allowed: it is optional). */
    public static Optional<String> teamAbbreviationProblem(String abbreviation) {
        return abbreviation == null || TEAM_ABBREVIATION.matcher(abbreviation).matches() ? Optional.empty()
                : Optional.of("must be 2-5 upper-case letters");
    }

    /** What is wrong with a game date, if anything: only its lower bound, see the class comment. */
    public static Optional<String> gameDateProblem(LocalDate gameDate) {
        if (gameDate == null) {
            return Optional.of("is required");
        }
        return gameDate.isBefore(FIRST_GAME_DATE)
                ? Optional.of("must not be before " + FIRST_GAME_DATE + ", the first game of the league")
                : Optional.empty();
    }

    /**
     * What is wrong with a season given with a line, if anything: its form, and that it is the season of the game
     * date (when there is one).
     */
    public static Optional<String> seasonProblem(String season, LocalDate gameDate) {
        if (!Season.isValid(season)) {
            return Optional.of("must be YYYY-YY with consecutive years, e.g. 2021-22");
        }
        if (gameDate != null && !Season.of(gameDate).equals(season)) {
            return Optional.of("a game on %s belongs to season %s, not %s (a season starts in August)"
                    .formatted(gameDate, Season.of(gameDate), season));
        }
        return Optional.empty();
    }

    /** What is wrong with one stat's value, if anything: it must be between 0 and the stat's {@link BoxScoreStat#maximum()}. */
    public static Optional<String> statProblem(BoxScoreStat stat, long value) {
        if (value < 0 || value > stat.maximum()) {
            return Optional.of(stat == BoxScoreStat.FOULS
                    ? "must be between 0 and 6: a player fouls out on the sixth"
                    : "must be between 0 and %d".formatted(stat.maximum()));
        }
        return Optional.empty();
    }

    /** What is wrong with a plus-minus, if anything. */
    public static Optional<String> plusMinusProblem(long plusMinus) {
        return Math.abs(plusMinus) > PLUS_MINUS_BOUND
                ? Optional.of("must be between -%d and %d".formatted(PLUS_MINUS_BOUND, PLUS_MINUS_BOUND))
                : Optional.empty();
    }

    /** What is wrong with a number of overtime periods, if anything. */
    public static Optional<String> overtimeProblem(long overtimePeriods) {
        return overtimePeriods < 0 || overtimePeriods > MAX_OVERTIME_PERIODS
                ? Optional.of("must be between 0 and " + MAX_OVERTIME_PERIODS)
                : Optional.empty();
    }

    /** The most minutes a player can have played in a game with this many overtime periods: 48 + 5 per overtime. */
    public static BigDecimal maxMinutes(int overtimePeriods) {
        return REGULATION_MINUTES.add(OVERTIME_MINUTES.multiply(BigDecimal.valueOf(overtimePeriods)));
    }

    /**
     * What is wrong with minutes played, if anything, given valid overtime periods. Safe on any BigDecimal, such
     * as {@code 1E+400} or {@code 1E-999999}: the cap is compared before any exact conversion.
     */
    public static Optional<String> minutesProblem(BigDecimal minutes, int overtimePeriods) {
        if (minutes.signum() < 0) {
            return Optional.of("must be 0 or more");
        }
        BigDecimal cap = maxMinutes(overtimePeriods);
        if (minutes.compareTo(cap) > 0) {
            return Optional.of("must be at most %s with %d overtime period(s) (48 + 5 per overtime)"
                    .formatted(cap.toPlainString(), overtimePeriods));
        }
        // At most 98 here, so stripping zeros is cheap; 30.7670 has three decimals, not four.
        if (minutes.stripTrailingZeros().scale() > MINUTES_DECIMALS) {
            return Optional.of("must have at most 3 decimals");
        }
        return Optional.empty();
    }

    /** What is wrong with the shooting block of a line and its sums: {@link #shootingProblems(Integer, Integer, Function)}. */
    public static List<FieldProblem> shootingProblems(BoxScore line) {
        return shootingProblems(line.points(), line.rebounds(), line::value);
    }

    /**
     * What is wrong with the shooting block and its sums, by field wire name: all eight of {@code fgm} …
     * {@code dreb} or none; each within its bound; made at most attempted, threes at most field goals;
     * {@code points} and {@code rebounds} equal to what the block adds up to. Points and rebounds themselves may
     * be {@code null} (missing in a request, reported elsewhere), as may be the block.
     */
    public static List<FieldProblem> shootingProblems(Integer points, Integer rebounds,
                                                      Function<BoxScoreStat, ? extends Number> stats) {
        Integer[] block = BoxScoreStat.shooting().stream().map(stat -> (Integer) stats.apply(stat)).toArray(Integer[]::new);
        long present = Arrays.stream(block).filter(Objects::nonNull).count();
        if (present == 0) {
            return List.of();
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (present < block.length) {
            problems.add(problem("fgm", "the shooting block needs all eight of fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, or none"));
            return problems;
        }
        List<BoxScoreStat> shooting = BoxScoreStat.shooting();
        for (int i = 0; i < block.length; i++) {
            BoxScoreStat stat = shooting.get(i);
            statProblem(stat, block[i]).ifPresent(message -> problems.add(problem(stat.wireName(), message)));
        }
        // The identities are checked even beyond the bounds, in long so that huge values cannot wrap around and
        // "match": a client learns every field to fix at once.
        long fgm = block[0], fga = block[1], fg3m = block[2], fg3a = block[3], ftm = block[4], fta = block[5],
                oreb = block[6], dreb = block[7];
        if (fgm > fga) {
            problems.add(problem("fgm", "must not exceed fga"));
        }
        if (fg3m > fg3a) {
            problems.add(problem("fg3m", "must not exceed fg3a"));
        }
        if (fg3m > fgm) {
            problems.add(problem("fg3m", "must not exceed fgm: a three-pointer is a field goal"));
        }
        if (ftm > fta) {
            problems.add(problem("ftm", "must not exceed fta"));
        }
        long scored = 2L * (fgm - fg3m) + 3L * fg3m + ftm;
        if (points != null && points != scored) {
            problems.add(problem("points", "must equal 2*(fgm-fg3m) + 3*fg3m + ftm = %d".formatted(scored)));
        }
        long boards = oreb + dreb;
        if (rebounds != null && rebounds != boards) {
            problems.add(problem("rebounds", "must equal oreb + dreb = %d".formatted(boards)));
        }
        return problems;
    }

    /**
     * A name as it is stored and compared: in Unicode normalisation form C, so that "Jokić" typed with a
     * combining accent and with the precomposed letter are one name (and re-posting either is no change).
     * Apply before {@link #nameProblem}; {@code null} stays {@code null}.
     */
    public static String normalizedName(String name) {
        return name == null ? null : Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /**
     * What is wrong with a player name, if anything. A name must survive the round trip through UTF-8, PostgreSQL
     * and Redis unchanged (else re-posting the same line would be a new version every time) and must look like
     * what it is (no bidi overrides or invisible characters to spoof another player):
     * <ul>
     *   <li>in NFC ({@link #normalizedName}), not blank, at most {@value #NAME_MAX_LENGTH} characters;</li>
     *   <li>no lone UTF-16 surrogate (not encodable in UTF-8), no control character, no format character
     *       (bidi embeddings and overrides, zero-width space and joiners, BOM, soft hyphen), no private-use or
     *       unassigned code point, no line or paragraph separator, no space other than U+0020;</li>
     *   <li>none of {@value #SEPARATORS}.</li>
     * </ul>
     */
    public static Optional<String> nameProblem(String name) {
        if (name.isBlank()) {
            return Optional.of("must not be blank");
        }
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            i += Character.charCount(codePoint);
            Optional<String> problem = characterProblem(codePoint);
            if (problem.isPresent()) {
                return problem;
            }
        }
        if (name.codePointCount(0, name.length()) > NAME_MAX_LENGTH) {
            return Optional.of("must be at most %d characters".formatted(NAME_MAX_LENGTH));
        }
        if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
            return Optional.of("must be in Unicode normalisation form C");
        }
        return Optional.empty();
    }

    private static Optional<String> characterProblem(int codePoint) {
        String at = " (U+%04X)".formatted(codePoint);
        if (SEPARATORS.indexOf(codePoint) >= 0) {
            return Optional.of("must not contain any of " + SEPARATORS + at);
        }
        return switch (Character.getType(codePoint)) {
            case Character.SURROGATE -> Optional.of("must not contain a lone UTF-16 surrogate, which UTF-8 cannot encode" + at);
            case Character.CONTROL -> Optional.of("must not contain control characters" + at);
            case Character.FORMAT -> Optional.of("must not contain invisible format characters such as bidi overrides or zero-width spaces" + at);
            case Character.PRIVATE_USE, Character.UNASSIGNED -> Optional.of("must not contain private-use or unassigned characters" + at);
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> Optional.of("must not contain line breaks" + at);
            case Character.SPACE_SEPARATOR -> codePoint == ' ' ? Optional.empty()
                    : Optional.of("must not contain spaces other than the plain space" + at);
            default -> Optional.empty();
        };
    }

    private static FieldProblem problem(String field, String message) {
        return new FieldProblem(null, field, message);
    }
}
