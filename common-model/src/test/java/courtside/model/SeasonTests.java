package courtside.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SeasonTests {

    @ParameterizedTest(name = "a game on {0} belongs to {1}")
    @CsvSource({
            "2023-10-24, 2023-24",
            "2024-04-14, 2023-24",
            "2023-08-01, 2023-24",
            "2023-07-31, 2022-23",
            "2021-10-19, 2021-22",
            "2022-04-10, 2021-22",
            "1999-11-02, 1999-00",
            "2000-01-15, 1999-00"})
    void seasonStartsInAugust(LocalDate gameDate, String season) {
        assertThat(Season.of(gameDate)).isEqualTo(season);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-22", "1999-00", "2009-10"})
    void acceptsConsecutiveYears(String season) {
        assertThat(Season.isValid(season)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-23", "2021-21", "2021/22", "21-22", "2021-2022", "", "abcd-ef"})
    void rejectsAnythingElse(String season) {
        assertThat(Season.isValid(season)).isFalse();
    }

    @Test
    void startYearIsTheFirstCalendarYear() {
        assertThat(Season.startYear("2021-22")).isEqualTo(2021);
        assertThatIllegalArgumentException().isThrownBy(() -> Season.startYear("2021-23"));
    }

    @Test
    void seasonTypeReadsOnlyExactWireNames() {
        assertThat(SeasonType.fromWireName("playoffs")).isEqualTo(SeasonType.PLAYOFFS);
        assertThatIllegalArgumentException().isThrownBy(() -> SeasonType.fromWireName("Regular"));
    }
}
