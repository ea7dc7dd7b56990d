package courtside.stats.retention;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which seasons retention keeps: the N newest with lines, and always the season of today. */
class OldestSeasonToKeepTests {

    @Test
    void keepsTheNNewestSeasonsWithLinesWhateverTheGaps() {
        assertThat(SeasonRetention.oldestToKeep(List.of("2023-24", "2022-23", "2019-20", "2011-12"), 2, "2024-25"))
                .contains("2022-23");
        assertThat(SeasonRetention.oldestToKeep(List.of("2023-24", "2019-20", "2011-12"), 2, "2024-25"))
                .as("N seasons with lines, not N calendar seasons").contains("2019-20");
    }

    @Test
    void dropsNothingWhileThereAreNoMoreThanNSeasons() {
        assertThat(SeasonRetention.oldestToKeep(List.of("2023-24", "2022-23"), 2, "2024-25")).isEmpty();
        assertThat(SeasonRetention.oldestToKeep(List.of(), 1, "2024-25")).isEmpty();
    }

    @Test
    void keepsTheSeasonOfTodayWhenItIsOlderThanTheNewestKept() {
        assertThat(SeasonRetention.oldestToKeep(List.of("2023-24", "2019-20", "2011-12"), 1, "2020-21"))
                .contains("2020-21");
        assertThat(SeasonRetention.oldestToKeep(List.of("2023-24", "2019-20", "2011-12"), 1, "2019-20"))
                .contains("2019-20");
    }
}
