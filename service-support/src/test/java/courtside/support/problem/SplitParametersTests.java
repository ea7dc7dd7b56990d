package courtside.support.problem;

import courtside.model.Split;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitParametersTests {

    @Test
    void noParameterIsNoSplit() {
        assertThat(SplitParameters.of(null, null, null, null)).isNull();
    }

    @Test
    void theGivenPartsAreKeptAndTheDatesBoundInclusively() {
        Split split = SplitParameters.of("82", "2022-01-01", "2022-01-31", "1610612747");
        assertThat(split).isEqualTo(new Split(82, LocalDate.parse("2022-01-01"), LocalDate.parse("2022-01-31"), 1610612747L));
        assertThat(split.covers(LocalDate.parse("2022-01-01"))).isTrue();
        assertThat(split.covers(LocalDate.parse("2022-01-31"))).isTrue();
        assertThat(split.covers(LocalDate.parse("2021-12-31"))).isFalse();
        assertThat(split.covers(LocalDate.parse("2022-02-01"))).isFalse();
        assertThat(SplitParameters.of("1", null, null, null)).isEqualTo(new Split(1, null, null, null));
        assertThat(SplitParameters.of(null, "2022-01-01", "2022-01-01", null).covers(LocalDate.parse("2022-01-01"))).isTrue();
    }

    @Test
    void theFirstBadParameterIsNamed() {
        assertRefused("last must be an integer from 1 to 82", "0", null, null, null);
        assertRefused("last must be an integer from 1 to 82", "83", null, null, null);
        assertRefused("last must be an integer from 1 to 82", " 5", null, null, null);
        assertRefused("from must be a date as yyyy-mm-dd", null, "2022-02-30", null, null);
        assertRefused("to must be a date as yyyy-mm-dd", null, null, "20220101", null);
        assertRefused("to must not be before from", null, "2022-01-02", "2022-01-01", null);
        assertRefused("vs must be a positive integer", null, null, null, "0");
        assertRefused("vs must be a positive integer", null, null, null, "LAL");
        assertRefused("last must be an integer from 1 to 82", "x", "x", null, "x");
    }

    private static void assertRefused(String detail, String last, String from, String to, String vs) {
        assertThatThrownBy(() -> SplitParameters.of(last, from, to, vs)).isInstanceOfSatisfying(
                InvalidRequestParameterException.class, e -> assertThat(e.getBody().getDetail()).isEqualTo(detail));
    }
}
