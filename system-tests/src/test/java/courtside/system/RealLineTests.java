package courtside.system;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The line the container tests and the workflow post is the real one, as the bundled season has it. */
class RealLineTests {

    /** Wire-format fields whose sample-data column has another name. */
    private static final Map<String, String> COLUMN_OF = Map.of("minutes_played", "minutes", "team_abbreviation", "team_abbr");
    /** Wire-format fields the sample data has no column for: their defaults. */
    private static final List<String> DEFAULTS = List.of("season_type", "overtime_periods");

    @Test
    void jokicAtPhoenixIsTheSampleDataLine() throws IOException {
        Path season = Deployment.ofThisRepository().root().resolve("sample-data/nba_boxscores_2021-22_regular_season.csv");
        List<String> rows = Files.readAllLines(season);
        List<String> header = List.of(rows.getFirst().split(","));
        List<String> row = rows.stream().map(line -> List.of(line.split(",", -1)))
                .filter(cells -> cells.get(header.indexOf("game_id")).equals(RealLine.GAME_ID)
                        && cells.get(header.indexOf("player_id")).equals(String.valueOf(RealLine.JOKIC)))
                .findFirst().orElseThrow();

        JsonNode line = JsonMapper.builder().build().readTree(RealLine.JOKIC_AT_PHOENIX);
        assertThat(line.get("season_type").asString()).isEqualTo("regular");
        assertThat(line.get("overtime_periods").asInt()).isZero();
        for (String field : line.propertyNames()) {
            if (DEFAULTS.contains(field)) {
                continue;
            }
            String column = COLUMN_OF.getOrDefault(field, field);
            assertThat(header).as("sample-data column for %s", field).contains(column);
            String expected = row.get(header.indexOf(column));
            JsonNode value = line.get(field);
            if (value.isNumber()) {
                assertThat(value.decimalValue()).as(field).isEqualByComparingTo(new BigDecimal(expected));
            } else {
                assertThat(value.asString()).as(field).isEqualTo(expected);
            }
        }
    }
}
