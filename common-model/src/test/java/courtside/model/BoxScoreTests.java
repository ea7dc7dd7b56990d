package courtside.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoxScoreTests {

    private static final JsonMapper JSON = CourtsideJson.mapper();

    // Nikola Jokic, DEN vs PHX on 2021-10-20.
    private static final BoxScore JOKIC = new BoxScore(27, 13, 2, 2, 0, 3, 3, new BigDecimal("34.717"), 0,
            13, 22, 1, 6, 0, 0, 2, 11, 28);
    private static final BoxScore WITHOUT_SHOOTING = new BoxScore(27, 13, 2, 2, 0, 3, 3, new BigDecimal("34.717"), 0,
            null, null, null, null, null, null, null, null, null);

    record Event(String gameId, @JsonUnwrapped BoxScore stats, long version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Answer(String gameId, @JsonUnwrapped BoxScore stats, long version) {
    }

    @Test
    void theFieldsAreTheWireNamesInWireOrder() {
        assertThat(BoxScore.fieldNames()).containsExactly("points", "rebounds", "assists", "steals", "blocks",
                "turnovers", "fouls", "minutes_played", "overtime_periods", "fgm", "fga", "fg3m", "fg3a", "ftm", "fta",
                "oreb", "dreb", "plus_minus");
        assertThat(List.copyOf(JOKIC.fields().sequencedKeySet())).isEqualTo(BoxScore.fieldNames());
        assertThat(JOKIC.fields()).containsEntry("fg3a", 6).containsEntry("minutes_played", new BigDecimal("34.717"))
                .containsEntry("plus_minus", 28);
    }

    @Test
    void aLineIsMadeBackFromItsStats() {
        assertThat(BoxScore.of(JOKIC::value, 0, 28)).isEqualTo(JOKIC);
        assertThat(BoxScore.of(WITHOUT_SHOOTING::value, 0, null)).isEqualTo(WITHOUT_SHOOTING);
        assertThat(WITHOUT_SHOOTING.hasShooting()).isFalse();
    }

    @Test
    void minutesAreTheSameByValueAndEverythingElseExactly() {
        BoxScore stored = new BoxScore(27, 13, 2, 2, 0, 3, 3, new BigDecimal("34.7170"), 0, 13, 22, 1, 6, 0, 0, 2, 11, 28);
        assertThat(stored.sameAs(JOKIC)).isTrue();
        assertThat(WITHOUT_SHOOTING.sameAs(JOKIC)).isFalse();
        assertThat(new BoxScore(27, 13, 2, 2, 0, 3, 3, new BigDecimal("34.717"), 1, 13, 22, 1, 6, 0, 0, 2, 11, 28)
                .sameAs(JOKIC)).isFalse();
    }

    @Test
    void unwrappedItIsFlatWithNullsWhereTheLineKeepsThem() {
        assertThat(JSON.writeValueAsString(new Event("0022100012", WITHOUT_SHOOTING, 2))).isEqualTo(
                "{\"game_id\":\"0022100012\",\"points\":27,\"rebounds\":13,\"assists\":2,\"steals\":2,\"blocks\":0,"
                        + "\"turnovers\":3,\"fouls\":3,\"minutes_played\":34.717,\"overtime_periods\":0,\"fgm\":null,"
                        + "\"fga\":null,\"fg3m\":null,\"fg3a\":null,\"ftm\":null,\"fta\":null,\"oreb\":null,\"dreb\":null,"
                        + "\"plus_minus\":null,\"version\":2}");
        assertThat(JSON.writeValueAsString(new Answer("0022100012", WITHOUT_SHOOTING, 2))).isEqualTo(
                "{\"game_id\":\"0022100012\",\"points\":27,\"rebounds\":13,\"assists\":2,\"steals\":2,\"blocks\":0,"
                        + "\"turnovers\":3,\"fouls\":3,\"minutes_played\":34.717,\"overtime_periods\":0,\"version\":2}");
    }

    @Test
    void unwrappedItIsReadBack() {
        Event event = new Event("0022100012", JOKIC, 2);
        assertThat(JSON.readValue(JSON.writeValueAsString(event), Event.class)).isEqualTo(event);
        Event bare = new Event("0022100012", WITHOUT_SHOOTING, 2);
        assertThat(JSON.readValue(JSON.writeValueAsString(bare), Event.class)).isEqualTo(bare);
    }

    @Test
    void onItsOwnItIsAnObject() {
        assertThat(JSON.writeValueAsString(JOKIC)).startsWith("{\"points\":27,").endsWith("\"plus_minus\":28}");
    }
}
