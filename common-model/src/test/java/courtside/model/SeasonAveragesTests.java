package courtside.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** The figures of an average answer in each mode, from sums small enough to check by hand. */
class SeasonAveragesTests {

    private final JsonMapper json = CourtsideJson.mapper();

    /** Two games, 30 and 36 minutes: 50 points on 18/40 FG with 6 threes, 8/10 FT; 9 assists, 3 turnovers. */
    private static SeasonTotals twoGames(long minutesInThousandths, long shootingGames) {
        Map<BoxScoreStat, Long> sums = new EnumMap<>(BoxScoreStat.class);
        sums.put(BoxScoreStat.POINTS, 50L);
        sums.put(BoxScoreStat.ASSISTS, 9L);
        sums.put(BoxScoreStat.TURNOVERS, 3L);
        sums.put(BoxScoreStat.MINUTES_PLAYED, minutesInThousandths);
        sums.put(BoxScoreStat.FGM, 18L);
        sums.put(BoxScoreStat.FGA, 40L);
        sums.put(BoxScoreStat.FG3M, 6L);
        sums.put(BoxScoreStat.FG3A, 15L);
        sums.put(BoxScoreStat.FTM, 8L);
        sums.put(BoxScoreStat.FTA, 10L);
        return new SeasonTotals(2, 2, shootingGames, sums);
    }

    private JsonNode player(PerMode mode, SeasonTotals totals) {
        return json.readTree(json.writeValueAsString(PlayerSeasonAverage.of(7, "1989-90", SeasonType.REGULAR, mode, totals)));
    }

    @Test
    void theDefaultModeIsNotNamedAndTheEfficiencyFiguresFollowTheirFormulas() {
        JsonNode average = player(PerMode.PER_GAME, twoGames(66_000, 2));

        assertThat(average.has("per_mode")).isFalse();
        assertThat(average.at("/averages/points").asDouble()).isEqualTo(25.0);
        // PTS from the block: 2 * 18 + 6 + 8 = 50.
        assertThat(average.at("/shooting/ts_pct").asDouble()).isCloseTo(50 / (2 * (40 + 0.44 * 10)), within(1e-15));
        assertThat(average.at("/shooting/efg_pct").asDouble()).isCloseTo((18 + 0.5 * 6) / 40, within(1e-15));
        assertThat(average.get("ast_to").asDouble()).isEqualTo(3.0);
    }

    @Test
    void totalsAreSumsAndPer36AreRatesOverAllMinutes() {
        JsonNode totals = player(PerMode.TOTALS, twoGames(66_000, 2));
        JsonNode per36 = player(PerMode.PER_36, twoGames(66_000, 2));

        assertThat(totals.get("per_mode").asString()).isEqualTo("totals");
        assertThat(totals.at("/averages/points").isIntegralNumber()).isTrue();
        assertThat(totals.at("/shooting/fga").asLong()).isEqualTo(40);
        assertThat(per36.get("per_mode").asString()).isEqualTo("per_36");
        assertThat(per36.at("/averages/points").asDouble()).isCloseTo(50 / 66.0 * 36, within(1e-12));
        assertThat(per36.at("/averages/minutes_played").asDouble()).isEqualTo(36.0);
        assertThat(per36.at("/shooting/fga").asDouble()).isCloseTo(40 / 66.0 * 36, within(1e-12));
    }

    @Test
    void withoutMinutesOrDenominatorsTheFiguresAreNull() {
        JsonNode noMinutes = player(PerMode.PER_36, twoGames(0, 2));
        JsonNode oneShootingGame = player(PerMode.PER_36, twoGames(66_000, 1));

        assertThat(noMinutes.at("/averages/points").isNull()).isTrue();
        assertThat(noMinutes.at("/shooting/fgm").isNull()).isTrue();
        assertThat(oneShootingGame.at("/shooting/fgm").isNull()).as("block's sums over the minutes of two games").isTrue();
        assertThat(oneShootingGame.at("/averages/points").isNull()).isFalse();
        JsonNode none = player(PerMode.PER_GAME, new SeasonTotals(1, 1, 1, Map.of()));
        assertThat(none.at("/shooting/ts_pct").isNull()).isTrue();
        assertThat(none.at("/shooting/efg_pct").isNull()).isTrue();
        assertThat(none.get("ast_to").isNull()).isTrue();
    }

    @Test
    void perModeReadsOnlyItsWireNames() {
        assertThat(PerMode.fromWireName("per_36")).isEqualTo(PerMode.PER_36);
        assertThat(PerMode.fromWireName("totals")).isEqualTo(PerMode.TOTALS);
        assertThatIllegalArgumentException().isThrownBy(() -> PerMode.fromWireName("PER_36"));
        assertThatIllegalArgumentException().isThrownBy(() -> PerMode.fromWireName(null));
    }
}
