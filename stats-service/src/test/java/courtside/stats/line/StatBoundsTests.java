package courtside.stats.line;

import courtside.model.BoxScoreStat;
import courtside.model.LineRules;
import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import courtside.stats.StoredState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static courtside.stats.RealLines.joeHarris;
import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every stat has an upper bound (issue 15 item 1: {@code points: 2147483647} was stored with 201), one number for
 * the validation, the event consumer and the {@code stat_line} CHECKs: common-model's {@link BoxScoreStat#maximum()}.
 */
@StatsServiceTest
class StatBoundsTests {

    private static final String GAME = "BOUNDS-0022100001";

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    /** Joe Harris's line without the shooting block, so that one counting stat can move alone. */
    private static Map<String, Object> withoutShooting(String gameId) {
        Map<String, Object> line = joeHarris(gameId);
        BoxScoreStat.shooting().forEach(stat -> line.remove(stat.wireName()));
        return line;
    }

    @ParameterizedTest(name = "{0} at its bound is stored, one above is refused")
    @EnumSource(value = BoxScoreStat.class, names = {"POINTS", "REBOUNDS", "ASSISTS", "STEALS", "BLOCKS", "TURNOVERS", "FOULS"})
    void aCountingStatIsBoundedAboveAsTheRecordsAllow(BoxScoreStat stat) {
        Map<String, Object> atBound = with(withoutShooting(GAME + "-" + stat.wireName()), stat.wireName(), stat.maximum());
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(atBound))
                .exchange().expectStatus().isCreated();
        StoredState before = StoredState.of(jdbc);

        JsonNode problem = http.post().uri("/log").contentType(MediaType.APPLICATION_JSON)
                .body(SampleSeason.json(with(atBound, stat.wireName(), stat.maximum() + 1)))
                .exchange().expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(fields(problem)).contains(stat.wireName());
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} over its bound is refused")
    @EnumSource(value = BoxScoreStat.class, names = {"FGM", "FGA", "FG3M", "FG3A", "FTM", "FTA", "OREB", "DREB"})
    void aShootingStatIsBoundedAbove(BoxScoreStat stat) {
        StoredState before = StoredState.of(jdbc);

        JsonNode problem = http.post().uri("/log").contentType(MediaType.APPLICATION_JSON)
                .body(SampleSeason.json(with(joeHarris(GAME), stat.wireName(), stat.maximum() + 1)))
                .exchange().expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(fields(problem)).contains(stat.wireName());
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void plusMinusIsBoundedBothWays() {
        for (int plusMinus : new int[]{LineRules.PLUS_MINUS_BOUND + 1, -LineRules.PLUS_MINUS_BOUND - 1, Integer.MIN_VALUE}) {
            JsonNode problem = http.post().uri("/log").contentType(MediaType.APPLICATION_JSON)
                    .body(SampleSeason.json(with(joeHarris(GAME), "plus_minus", plusMinus)))
                    .exchange().expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(fields(problem)).contains("plus_minus");
        }
    }

    @ParameterizedTest(name = "the database bounds {0} as the validation does")
    @EnumSource(value = BoxScoreStat.class, names = {"MINUTES_PLAYED", "FOULS"}, mode = EnumSource.Mode.EXCLUDE)
    void theDatabaseHasTheSameBound(BoxScoreStat stat) {
        String check = jdbc.queryForObject("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ?",
                String.class, "stat_line_" + stat.wireName() + "_bound");
        assertThat(check).isEqualTo("CHECK ((%s <= %d))".formatted(stat.wireName(), stat.maximum()));
    }

    @Test
    void theDatabaseRefusesWhatTheValidationRefuses() {
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(withoutShooting(GAME + "-DB")))
                .exchange().expectStatus().isCreated();
        List<String> refused = new ArrayList<>();
        for (String change : List.of("points = 151", "plus_minus = 101", "plus_minus = -101", "game_date = DATE '1946-10-31', season = '1946-47'")) {
            try {
                jdbc.update("UPDATE stat_line SET " + change + " WHERE game_id = ?", GAME + "-DB");
            } catch (org.springframework.dao.DataIntegrityViolationException e) {
                refused.add(change);
            }
        }
        assertThat(refused).hasSize(4);
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }
}
