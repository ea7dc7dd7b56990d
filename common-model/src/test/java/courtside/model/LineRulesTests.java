package courtside.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LineRulesTests {

    private static final JsonMapper JSON = CourtsideJson.mapper();

    // Nikola Jokic, DEN vs PHX on 2021-10-20: game 0022100012 of the bundled season.
    private static final StatLineChanged JOKIC = new StatLineChanged(UUID.fromString("6c1f0d3e-4f1b-4a8e-9d62-2f7c7f8f2b11"),
            StatLineChanged.Change.CORRECTED, 2, Instant.parse("2021-10-21T04:12:00Z"), "0022100012",
            LocalDate.parse("2021-10-20"), "2021-22", SeasonType.REGULAR, 203999L, "Nikola Jokić", 1610612743L, "DEN",
            new BoxScore(27, 13, 2, 2, 0, 3, 3, new BigDecimal("34.717"), 0, 13, 22, 1, 6, 0, 0, 2, 11, 28));

    /** The event with some wire fields changed, as a producer could have sent it. */
    private static StatLineChanged with(UnaryOperator<ObjectNode> change) {
        ObjectNode wire = JSON.valueToTree(JOKIC);
        return JSON.treeToValue(change.apply(wire), StatLineChanged.class);
    }

    @Test
    void aRealLineHasNoProblem() {
        assertThat(LineRules.problemsOf(JOKIC)).isEmpty();
    }

    @Test
    void aLineWithoutShootingOrNamesHasNoProblem() {
        StatLineChanged bare = with(wire -> {
            for (BoxScoreStat stat : BoxScoreStat.shooting()) {
                wire.putNull(stat.wireName());
            }
            return wire.putNull("player_name").putNull("team_abbreviation").putNull("plus_minus");
        });
        assertThat(LineRules.problemsOf(bare)).isEmpty();
    }

    @Test
    void theRecordsOfTheGameAreAccepted() {
        // Wilt's 100 (36/63 FG, 28/32 FT) with his 25 rebounds; no shooting split of rebounds in 1962.
        StatLineChanged wilt = with(wire -> wire.put("game_id", "0026100999").put("game_date", "1962-03-02")
                .put("season", "1961-62").put("points", 100).put("rebounds", 25).put("fgm", 36).put("fga", 63)
                .put("fg3m", 0).put("fg3a", 0).put("ftm", 28).put("fta", 32).put("oreb", 0).put("dreb", 25)
                .put("minutes_played", 48));
        StatLineChanged klay = with(wire -> wire.put("points", 52).put("rebounds", 5).put("fgm", 18).put("fga", 29)
                .put("fg3m", 14).put("fg3a", 24).put("ftm", 2).put("fta", 2).put("oreb", 0).put("dreb", 5));
        StatLineChanged skiles = with(wire -> wire.put("assists", 30).put("blocks", 17).put("steals", 11).put("turnovers", 14));
        StatLineChanged sixOvertimes = with(wire -> wire.put("overtime_periods", 6).put("minutes_played", new BigDecimal("78.000")));

        assertThat(LineRules.problemsOf(wilt)).isEmpty();
        assertThat(LineRules.problemsOf(klay)).isEmpty();
        assertThat(LineRules.problemsOf(skiles)).isEmpty();
        assertThat(LineRules.problemsOf(sixOvertimes)).isEmpty();
    }

    @ParameterizedTest(name = "{0} above its bound")
    @EnumSource(value = BoxScoreStat.class, names = "MINUTES_PLAYED", mode = EnumSource.Mode.EXCLUDE)
    void everyStatHasAnUpperBound(BoxScoreStat stat) {
        assertThat(LineRules.statProblem(stat, stat.maximum())).isEmpty();
        assertThat(LineRules.statProblem(stat, stat.maximum() + 1L)).isPresent();
        assertThat(LineRules.statProblem(stat, -1)).isPresent();
        assertThat(LineRules.statProblem(stat, Integer.MAX_VALUE)).isPresent();
    }

    @ParameterizedTest(name = "{0} above its bound is a problem of the event")
    @EnumSource(value = BoxScoreStat.class, names = "MINUTES_PLAYED", mode = EnumSource.Mode.EXCLUDE)
    void anEventWithAStatAboveItsBoundIsNotApplied(BoxScoreStat stat) {
        StatLineChanged event = with(wire -> wire.put(stat.wireName(), Integer.MAX_VALUE));
        assertThat(LineRules.problemsOf(event)).extracting(FieldProblem::field).contains(stat.wireName());
    }

    @Test
    void theBoundsAreTheRecordsWithHeadroom() {
        assertThat(BoxScoreStat.POINTS.maximum()).isGreaterThan(100);
        assertThat(BoxScoreStat.REBOUNDS.maximum()).isGreaterThan(55);
        assertThat(BoxScoreStat.ASSISTS.maximum()).isGreaterThan(30);
        assertThat(BoxScoreStat.BLOCKS.maximum()).isGreaterThan(17);
        assertThat(BoxScoreStat.FG3M.maximum()).isGreaterThan(14);
        assertThat(BoxScoreStat.FOULS.maximum()).isEqualTo(6);
        assertThat(BoxScoreStat.MINUTES_PLAYED.maximum()).isEqualTo(LineRules.maxMinutes(LineRules.MAX_OVERTIME_PERIODS).intValueExact());
    }

    static Stream<Arguments> badEvents() {
        return Stream.of(
                Arguments.of("minutes 1E+400", "minutes_played", op(w -> w.put("minutes_played", new BigDecimal("1E+400")))),
                Arguments.of("minutes negative", "minutes_played", op(w -> w.put("minutes_played", new BigDecimal("-0.001")))),
                Arguments.of("minutes with 4 decimals", "minutes_played", op(w -> w.put("minutes_played", new BigDecimal("30.7671")))),
                Arguments.of("minutes tiny with a huge scale", "minutes_played", op(w -> w.put("minutes_played", new BigDecimal("1E-9999")))),
                Arguments.of("minutes over 48 without overtime", "minutes_played", op(w -> w.put("minutes_played", 48.001))),
                Arguments.of("minutes over 53 with one overtime", "minutes_played", op(w -> w.put("minutes_played", 53.5).put("overtime_periods", 1))),
                Arguments.of("overtime 11", "overtime_periods", op(w -> w.put("overtime_periods", 11))),
                Arguments.of("overtime negative", "overtime_periods", op(w -> w.put("overtime_periods", -1))),
                Arguments.of("shooting block partial", "fgm", op(w -> w.putNull("dreb"))),
                Arguments.of("fgm over fga", "fgm", op(w -> w.put("fgm", 23).put("points", 47))),
                Arguments.of("fg3m over fg3a", "fg3m", op(w -> w.put("fg3m", 7).put("fgm", 13).put("points", 27 + 6))),
                Arguments.of("fg3m over fgm", "fg3m", op(w -> w.put("fg3m", 5).put("fg3a", 20).put("fgm", 4).put("fga", 20).put("points", 15))),
                Arguments.of("ftm over fta", "ftm", op(w -> w.put("ftm", 1).put("points", 28))),
                Arguments.of("points not matching the block", "points", op(w -> w.put("points", 28))),
                Arguments.of("rebounds not matching the block", "rebounds", op(w -> w.put("rebounds", 14))),
                Arguments.of("game id with a pipe", "game_id", op(w -> w.put("game_id", "00221|0012"))),
                Arguments.of("game id with a colon", "game_id", op(w -> w.put("game_id", "00221:0012"))),
                Arguments.of("game id too long", "game_id", op(w -> w.put("game_id", "0".repeat(33)))),
                Arguments.of("season not of the form", "season", op(w -> w.put("season", "2021-2022"))),
                Arguments.of("season with years not following", "season", op(w -> w.put("season", "2021-23"))),
                Arguments.of("season not the game date's", "season", op(w -> w.put("season", "2022-23"))),
                Arguments.of("game before the first season", "game_date", op(w -> w.put("game_date", "0001-01-01").put("season", "0000-01"))),
                Arguments.of("game the day before the first game", "game_date", op(w -> w.put("game_date", "1946-10-31").put("season", "1946-47"))),
                Arguments.of("player id 0", "player_id", op(w -> w.put("player_id", 0))),
                Arguments.of("team id negative", "team_id", op(w -> w.put("team_id", -1))),
                Arguments.of("team abbreviation with a pipe", "team_abbreviation", op(w -> w.put("team_abbreviation", "DE|N"))),
                Arguments.of("team abbreviation lower case", "team_abbreviation", op(w -> w.put("team_abbreviation", "den"))),
                Arguments.of("plus-minus 101", "plus_minus", op(w -> w.put("plus_minus", 101))),
                Arguments.of("plus-minus -2147483648", "plus_minus", op(w -> w.put("plus_minus", Integer.MIN_VALUE))),
                Arguments.of("name with a pipe", "player_name", op(w -> w.put("player_name", "Nikola|Jokic"))),
                Arguments.of("name with a colon", "player_name", op(w -> w.put("player_name", "player:1"))),
                Arguments.of("name with a brace", "player_name", op(w -> w.put("player_name", "{Jokic}"))),
                Arguments.of("name with a lone surrogate", "player_name", op(w -> w.put("player_name", "Jokic\uD800"))),
                Arguments.of("name with a bidi override", "player_name", op(w -> w.put("player_name", "\u202ENikola"))),
                Arguments.of("name with a zero-width space", "player_name", op(w -> w.put("player_name", "Niko\u200Bla"))),
                Arguments.of("name with a BOM", "player_name", op(w -> w.put("player_name", "\uFEFFNikola"))),
                Arguments.of("name with a NUL", "player_name", op(w -> w.put("player_name", "Nikola\u0000"))),
                Arguments.of("name with a newline", "player_name", op(w -> w.put("player_name", "Nikola\nJokic"))),
                Arguments.of("name with a line separator", "player_name", op(w -> w.put("player_name", "Nikola\u2028Jokic"))),
                Arguments.of("name with a no-break space", "player_name", op(w -> w.put("player_name", "Nikola\u00A0Jokic"))),
                Arguments.of("name with a private-use character", "player_name", op(w -> w.put("player_name", "Nikola\uE000"))),
                Arguments.of("name not in NFC", "player_name", op(w -> w.put("player_name", "Nikola Joki\u0063\u0301"))),
                Arguments.of("name blank", "player_name", op(w -> w.put("player_name", "   "))),
                Arguments.of("name of 101 characters", "player_name", op(w -> w.put("player_name", "N".repeat(101)))));
    }

    private static UnaryOperator<ObjectNode> op(UnaryOperator<ObjectNode> change) {
        return change;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void anEventThatCouldBreakAConsumerIsNotApplied(String name, String field, UnaryOperator<ObjectNode> change) {
        assertThat(LineRules.problemsOf(with(change)))
                .isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.index()).isNull())
                .extracting(FieldProblem::field).contains(field);
    }

    @Test
    void anEventFromAFutureDateIsApplied() {
        // The consumer's clock is not the producer's: a date "after tomorrow" here may be today there.
        StatLineChanged future = with(w -> w.put("game_date", "2099-10-20").put("season", "2099-00"));
        assertThat(LineRules.problemsOf(future)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nikola Jokić", "D'Angelo Russell", "Karl-Anthony Towns", "Jusuf Nurkić", "Luka Dončić",
            "Nenê", "Dennis Schröder", "Yao Ming 姚明", "Alperen Şengün", "Kristaps Porziņģis", "O.G. Anunoby"})
    void realNamesAreAccepted(String name) {
        assertThat(LineRules.nameProblem(LineRules.normalizedName(name))).isEmpty();
    }

    @Test
    void normalisingMakesTheTwoSpellingsOfOneNameEqual() {
        String combining = "Joki\u0063\u0301";
        assertThat(LineRules.nameProblem(combining)).isPresent();
        assertThat(LineRules.normalizedName(combining)).isEqualTo("Joki\u0107");
        assertThat(LineRules.normalizedName(null)).isNull();
    }

    @Test
    void minutesRulesNeverThrow() {
        assertThat(LineRules.minutesProblem(new BigDecimal("1E+2147483647"), 0)).isPresent();
        assertThat(LineRules.minutesProblem(new BigDecimal("1E-2147483647"), 0)).isPresent();
        assertThat(LineRules.minutesProblem(new BigDecimal("30.7670"), 0)).isEmpty();
        assertThat(LineRules.minutesProblem(new BigDecimal("-0"), 0)).isEmpty();
    }
}
