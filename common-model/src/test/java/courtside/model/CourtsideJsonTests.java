package courtside.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The JSON rules both services read and write with: strict on input, exact on output. */
class CourtsideJsonTests {

    private final JsonMapper json = CourtsideJson.mapper();

    record Line(String gameId, LocalDate gameDate, Integer points, BigDecimal minutesPlayed) {
    }

    @Test
    void readsSnakeCase() {
        Line line = json.readValue("{\"game_id\":\"0022100012\",\"game_date\":\"2021-10-20\",\"points\":27,\"minutes_played\":34.717}", Line.class);

        assertThat(line).isEqualTo(new Line("0022100012", LocalDate.parse("2021-10-20"), 27, new BigDecimal("34.717")));
    }

    @ParameterizedTest(name = "rejects {0}")
    @ValueSource(strings = {
            "{\"game_id\": 22100012}",          // a number would lose the id's leading zeros
            "{\"game_id\": 22100012.5}",
            "{\"game_id\": true}",
            "{\"game_date\": [2021, 10, 20]}",  // dates are ISO strings only
            "{\"game_date\": 20211020}",
            "{\"points\": \"27\"}",
            "{\"points\": 27.0}",
            "{\"points\": true}",
            "{\"minutes_played\": \"34.717\"}",
            "{\"points\": 1, \"points\": 2}",
            "{\"pts\": 27}",
            "{\"points\": 27} {\"points\": 28}"})
    void rejectsWhatItWouldHaveToGuess(String body) {
        assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> json.readValue(body, Line.class));
        assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> json.treeToValue(json.readTree(body), Line.class));
    }

    @Test
    void writesDecimalsPlainNeverInScientificNotation() {
        assertThat(json.writeValueAsString(new BigDecimal("2E+3"))).isEqualTo("2000");
        assertThat(json.writeValueAsString(new BigDecimal("4E+1"))).isEqualTo("40");
    }
}
