package courtside.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Box-score CSV files in the layout of the bundled season ({@code sample-data/}): a header row naming the
 * columns ({@code game_id, game_date, season, player_id, player_name, team_id, team_abbr, minutes, points, ...})
 * and one line per player and game. The files carry no overtime, so {@code overtime_periods} is derived per game
 * from the teams' summed minutes: 240 in regulation plus 25 per overtime period.
 */
public final class BoxScoreFile {

    /** The bundled 2021-22 regular season: every line with minutes played. */
    public static final String SAMPLE_SEASON = "nba_boxscores_2021-22_regular_season.csv";
    /** The three appearances of that season with zero minutes, which published tables count as games played. */
    public static final String SAMPLE_ZERO_MINUTE_ROWS = "nba_boxscores_2021-22_zero_minute_rows.csv";

    private static final int REGULATION_TEAM_MINUTES = 240;
    private static final int OVERTIME_TEAM_MINUTES = 25;

    private BoxScoreFile() {
    }

    /** The bundled season, both files, found in the {@code sample-data/} folder at or above the working directory. */
    public static List<BoxScoreLine> sampleSeason() {
        Path folder = sampleFolder();
        return read(List.of(folder.resolve(SAMPLE_SEASON), folder.resolve(SAMPLE_ZERO_MINUTE_ROWS)));
    }

    /** The {@code sample-data/} folder at or above the working directory. */
    public static Path sampleFolder() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("sample-data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("sample-data/ not found at or above " + start);
    }

    /** Every line of the files, in file order, with overtime derived over all of them together. */
    public static List<BoxScoreLine> read(List<Path> files) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Path file : files) {
            rows.addAll(rowsOf(file));
        }
        Map<String, Integer> overtime = overtimePeriodsByGame(rows);
        return rows.stream().map(row -> line(row, overtime.get(row.get("game_id")))).toList();
    }

    private static List<Map<String, String>> rowsOf(Path file) {
        List<String> text;
        try {
            text = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: expected a header row");
        }
        String[] header = text.getFirst().strip().split(",");
        List<Map<String, String>> rows = new ArrayList<>(text.size());
        for (int n = 1; n < text.size(); n++) {
            if (text.get(n).isBlank()) {
                continue;
            }
            String[] cells = text.get(n).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException("%s line %d has %d columns, the header %d".formatted(
                        file, n + 1, cells.length, header.length));
            }
            Map<String, String> row = HashMap.newHashMap(header.length);
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Integer> overtimePeriodsByGame(List<Map<String, String>> rows) {
        Map<String, BigDecimal> teamMinutes = new HashMap<>();
        for (Map<String, String> row : rows) {
            teamMinutes.merge(row.get("game_id") + "/" + row.get("team_id"), new BigDecimal(row.get("minutes")),
                    BigDecimal::add);
        }
        Map<String, Integer> overtime = new HashMap<>();
        teamMinutes.forEach((gameAndTeam, minutes) -> {
            int periods = (int) Math.max(0,
                    Math.round((minutes.doubleValue() - REGULATION_TEAM_MINUTES) / OVERTIME_TEAM_MINUTES));
            overtime.merge(gameAndTeam.substring(0, gameAndTeam.indexOf('/')), periods, Math::max);
        });
        return overtime;
    }

    private static BoxScoreLine line(Map<String, String> row, int overtimePeriods) {
        // The file's columns are the wire names, but for minutes ("minutes") and the overtime periods (derived).
        BoxScore stats = BoxScore.of(stat -> stat == BoxScoreStat.MINUTES_PLAYED ? new BigDecimal(row.get("minutes"))
                : stat(row, stat.wireName()), overtimePeriods, stat(row, "plus_minus"));
        return new BoxScoreLine(row.get("game_id"), row.get("game_date"), row.get("season"),
                Long.parseLong(row.get("player_id")), row.get("player_name"), Long.parseLong(row.get("team_id")),
                row.get("team_abbr"), stats);
    }

    private static int stat(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null) {
            throw new IllegalArgumentException("box-score file has no column " + column);
        }
        return Integer.parseInt(value);
    }
}
