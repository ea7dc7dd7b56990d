package courtside.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoxScoreFileTests {

    private static final List<BoxScoreLine> SEASON = BoxScoreFile.sampleSeason();

    @Test
    void theBundledSeasonHasEveryAppearanceIncludingTheZeroMinuteOnes() {
        assertThat(SEASON).hasSize(26_036 + 3);
        assertThat(SEASON).filteredOn(line -> line.stats().minutesPlayed().signum() == 0).hasSize(3);
        assertThat(SEASON).extracting(line -> line.gameId() + "/" + line.playerId()).doesNotHaveDuplicates();
    }

    @Test
    void overtimeIsDerivedPerGameFromTheTeamsMinutes() {
        assertThat(overtimeOf("0022100001")).isZero();
        assertThat(overtimeOf("0022100005")).isEqualTo(2);
        assertThat(SEASON).extracting(line -> line.stats().overtimePeriods()).containsOnly(0, 1, 2, 3);
    }

    @Test
    void aLineIsPostedWithEveryStatOfItsRow() {
        BoxScoreLine harden = SEASON.stream().filter(line -> line.playerName().equals("James Harden")).findFirst()
                .orElseThrow();

        assertThat(harden.toWire()).containsEntry("game_id", "0022100001").containsEntry("game_date", "2021-10-19")
                .containsEntry("season", "2021-22").containsEntry("season_type", "regular")
                .containsEntry("team_id", 1610612751L).containsEntry("team_abbreviation", "BKN")
                .containsEntry("minutes_played", new BigDecimal("30.633")).containsEntry("points", 20)
                .containsEntry("fg3m", 4).containsEntry("plus_minus", -20).containsEntry("overtime_periods", 0);
    }

    @Test
    void aSyntheticSeasonMovesDatesSeasonAndGameIdsButKeepsTheStats() {
        BoxScoreLine real = SEASON.getFirst();

        BoxScoreLine moved = real.inSeasonStartingIn(2005);

        assertThat(moved.season()).isEqualTo("2005-06");
        assertThat(moved.gameDate()).isEqualTo("2005-10-19");
        assertThat(moved.gameId()).isEqualTo("S2005-" + real.gameId());
        assertThat(Season.of(LocalDate.parse(moved.gameDate()))).isEqualTo(moved.season());
        assertThat(moved.stats().points()).isEqualTo(real.stats().points());
        assertThat(moved.stats().minutesPlayed()).isEqualTo(real.stats().minutesPlayed());
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsIsReportedWithItsLineNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.csv");
        Files.writeString(file, "game_id,game_date,minutes\n0022100001,2021-10-19,30\n0022100001,2021-10-19\n");

        assertThatThrownBy(() -> BoxScoreFile.read(List.of(file)))
                .hasMessageContaining("broken.csv line 3 has 2 columns, the header 3");
    }

    private static int overtimeOf(String gameId) {
        return SEASON.stream().filter(line -> line.gameId().equals(gameId)).findFirst().orElseThrow()
                .stats().overtimePeriods();
    }
}
