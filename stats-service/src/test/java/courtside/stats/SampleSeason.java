package courtside.stats;

import courtside.model.CourtsideJson;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real 2021-22 regular season from {@code sample-data/}: every line with minutes (and, if asked, the three
 * zero-minute appearances), as the wire format's JSON. {@code overtime_periods} is derived per game from the
 * team's summed minutes, 240 in regulation plus 25 per overtime.
 */
public final class SampleSeason {

    public static final String MAIN_FILE = "nba_boxscores_2021-22_regular_season.csv";
    public static final String ZERO_MINUTE_FILE = "nba_boxscores_2021-22_zero_minute_rows.csv";
    private static final JsonMapper JSON = CourtsideJson.mapper();

    private SampleSeason() {
    }

    /** One CSV row, typed. */
    public record Line(String gameId, String gameDate, String season, long playerId, String playerName, long teamId,
                       String teamAbbreviation, BigDecimal minutes, int points, int rebounds, int assists, int steals,
                       int blocks, int fouls, int turnovers, int fgm, int fga, int fg3m, int fg3a, int ftm, int fta,
                       int oreb, int dreb, int plusMinus, int overtimePeriods) {

        /** The line as a scorekeeping client would post it. */
        public Map<String, Object> toWire() {
            Map<String, Object> wire = new LinkedHashMap<>();
            wire.put("game_id", gameId);
            wire.put("game_date", gameDate);
            wire.put("season", season);
            wire.put("season_type", "regular");
            wire.put("player_id", playerId);
            wire.put("player_name", playerName);
            wire.put("team_id", teamId);
            wire.put("team_abbreviation", teamAbbreviation);
            wire.put("points", points);
            wire.put("rebounds", rebounds);
            wire.put("assists", assists);
            wire.put("steals", steals);
            wire.put("blocks", blocks);
            wire.put("turnovers", turnovers);
            wire.put("fouls", fouls);
            wire.put("minutes_played", minutes);
            wire.put("overtime_periods", overtimePeriods);
            wire.put("fgm", fgm);
            wire.put("fga", fga);
            wire.put("fg3m", fg3m);
            wire.put("fg3a", fg3a);
            wire.put("ftm", ftm);
            wire.put("fta", fta);
            wire.put("oreb", oreb);
            wire.put("dreb", dreb);
            wire.put("plus_minus", plusMinus);
            return wire;
        }
    }

    /** Every line of the main file plus the zero-minute appearances, in file order. */
    public static List<Line> allAppearances() {
        List<String[]> rows = new ArrayList<>(read(MAIN_FILE));
        rows.addAll(read(ZERO_MINUTE_FILE));
        return withOvertime(rows);
    }

    /** The JSON body of a batch. */
    public static String json(List<Map<String, Object>> lines) {
        return JSON.writeValueAsString(lines);
    }

    public static String json(Map<String, Object> line) {
        return JSON.writeValueAsString(line);
    }

    /** The folder of the bundled data, found from the module or the project root. */
    public static Path folder() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("sample-data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("sample-data/ not found above " + Path.of("").toAbsolutePath());
    }

    private static List<String[]> read(String file) {
        try (var lines = Files.lines(folder().resolve(file))) {
            return lines.skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Line> withOvertime(List<String[]> rows) {
        Map<String, BigDecimal> teamMinutes = new HashMap<>();
        for (String[] row : rows) {
            teamMinutes.merge(row[0] + "/" + row[5], new BigDecimal(row[8]), BigDecimal::add);
        }
        Map<String, Integer> overtime = new HashMap<>();
        teamMinutes.forEach((gameTeam, minutes) -> {
            int periods = Math.max(0, (int) Math.round((minutes.doubleValue() - 240.0) / 25.0));
            overtime.merge(gameTeam.substring(0, gameTeam.indexOf('/')), periods, Math::max);
        });
        List<Line> lines = new ArrayList<>(rows.size());
        for (String[] r : rows) {
            lines.add(new Line(r[0], r[1], r[2], Long.parseLong(r[3]), r[4], Long.parseLong(r[5]), r[6],
                    new BigDecimal(r[8]), i(r[9]), i(r[10]), i(r[11]), i(r[12]), i(r[13]), i(r[14]), i(r[15]),
                    i(r[16]), i(r[17]), i(r[18]), i(r[19]), i(r[20]), i(r[21]), i(r[22]), i(r[23]), i(r[24]),
                    overtime.get(r[0])));
        }
        return lines;
    }

    private static int i(String value) {
        return Integer.parseInt(value);
    }
}
