package courtside.stats;

import courtside.model.BoxScoreLine;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A player's per-team rows worked out straight from his lines, apart from both services' code: his lines grouped
 * by the team on the line, in the order of his first game for each team (then by team id), each summed by
 * {@link ExpectedSeason}; shown only when there are two teams or more.
 */
public final class ExpectedTeams {

    private final SequencedMap<Long, ExpectedSeason> teams;

    private ExpectedTeams(SequencedMap<Long, ExpectedSeason> teams) {
        this.teams = teams;
    }

    /** From the player's lines of the season or of a split. */
    public static ExpectedTeams of(List<BoxScoreLine> playerLines) {
        Map<Long, List<BoxScoreLine>> byTeam = playerLines.stream().collect(Collectors.groupingBy(BoxScoreLine::teamId));
        List<Long> order = new ArrayList<>(byTeam.keySet());
        order.sort(Comparator.comparing((Long team) -> byTeam.get(team).stream().map(BoxScoreLine::gameDate)
                .min(Comparator.naturalOrder()).orElseThrow()).thenComparing(Comparator.naturalOrder()));
        SequencedMap<Long, ExpectedSeason> teams = new LinkedHashMap<>();
        order.forEach(team -> teams.put(team, ExpectedSeason.of(byTeam.get(team))));
        return new ExpectedTeams(teams);
    }

    /** The teams in the order he played for them. */
    public List<Long> order() {
        return List.copyOf(teams.sequencedKeySet());
    }

    /** His lines for one team. */
    public ExpectedSeason of(long team) {
        return teams.get(team);
    }

    /** The {@code teams} rows of a player's answer in a mode, or their absence with one team. */
    public void assertAnswer(String who, JsonNode answer, String mode) {
        if (teams.size() < 2) {
            assertThat(answer.has("teams")).as(who + " teams left out for one team").isFalse();
            return;
        }
        JsonNode rows = answer.get("teams");
        assertThat(rows).as(who + " teams").isNotNull();
        List<Long> shown = new ArrayList<>();
        rows.forEach(row -> shown.add(row.get("team_id").asLong()));
        assertThat(shown).as(who + " teams in the order he played for them").containsExactlyElementsOf(order());
        for (JsonNode row : rows) {
            long team = row.get("team_id").asLong();
            teams.get(team).assertTeamRow(who + " team " + team, row, mode);
        }
    }
}
