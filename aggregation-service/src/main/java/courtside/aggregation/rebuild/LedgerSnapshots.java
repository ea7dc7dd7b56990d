package courtside.aggregation.rebuild;

import courtside.aggregation.cache.Ledger;
import courtside.aggregation.cache.LedgerSnapshot;
import courtside.aggregation.cache.LedgerSnapshot.SeasonOf;
import courtside.aggregation.cache.LineState;
import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Ledgers as PostgreSQL holds them, read through the SELECT-only role. The season sums are computed by SQL
 * (a team's per game, then added up per season); the lines, removed ones included, are streamed in ledger
 * order so that a full rebuild holds one ledger in memory at a time. The constants are the SQL to EXPLAIN;
 * {@code %s} is a filter ({@code player_id = ?}, ...) or {@code true}.
 * Callers run these in one read-only REPEATABLE READ transaction, so the lines and the sums agree.
 */
@Component
public final class LedgerSnapshots {

    private static final String STATS = BoxScoreStat.counting().stream().map(BoxScoreStat::wireName)
            .collect(Collectors.joining(", "));
    private static final String SHOOTING = BoxScoreStat.shooting().stream().map(BoxScoreStat::wireName)
            .collect(Collectors.joining(", "));
    private static final String SUMS = java.util.Arrays.stream(BoxScoreStat.values())
            .map(s -> "sum(%1$s) AS %1$s".formatted(s.wireName())).collect(Collectors.joining(",\n       "));

    /** Every line of the matching ledgers, removed ones included, one ledger after the other. */
    static final String LINES = """
            SELECT player_id, team_id, game_id, version, deleted, season, season_type,
                   %s,
                   %s
            FROM stat_line
            WHERE %%s
            ORDER BY %%s""".formatted(STATS, SHOOTING);

    /** A player's season sums: games played is the number of lines; shooting over the lines with the block. */
    static final String PLAYER_SEASONS = """
            SELECT player_id, season, season_type,
                   count(*) AS lines,
                   count(fgm) AS shooting_lines,
                   %s
            FROM stat_line
            WHERE NOT deleted AND %%s
            GROUP BY player_id, season, season_type""".formatted(SUMS);

    /** A team's sums per game: the per-game totals of DESIGN.md section 3, and how many lines made them. */
    static final String TEAM_GAMES = """
            SELECT team_id, season, season_type, game_id,
                   count(*) AS lines,
                   count(fgm) AS shooting_lines,
                   %s
            FROM stat_line
            WHERE NOT deleted AND %%s
            GROUP BY team_id, season, season_type, game_id""".formatted(SUMS);

    private static final String LATEST_SEASON =
            "SELECT max(season) FROM stat_line WHERE %s = ? AND season_type = ? AND NOT deleted";

    private final JdbcTemplate jdbc;

    LedgerSnapshots(JdbcTemplate jdbc, RebuildSettings settings) {
        // A copy with a fetch size: inside a transaction PostgreSQL then streams rows instead of sending all.
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(settings.fetchSize());
    }

    /** The number of stored lines, removed ones included: what a full rebuild will stream. */
    long lineCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM stat_line", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Streams the ledgers of one side, one snapshot at a time, in id order.
     *
     * @param onLine called for every line streamed, to report progress
     */
    void streamAll(Ledger.Side side, Consumer<LedgerSnapshot> onSnapshot, Runnable onLine) {
        Map<Long, Map<SeasonOf, SeasonTotals>> seasons = new HashMap<>();
        Map<Long, Map<String, Long>> gameLines = new HashMap<>();
        seasonSums(side, "true", List.of(), seasons, gameLines);
        String column = idColumn(side);
        LedgerBuilder[] current = {null};
        jdbc.query(LINES.formatted("true", column), (RowCallbackHandler) rs -> {
            long id = rs.getLong(column);
            if (current[0] != null && current[0].id != id) {
                onSnapshot.accept(current[0].build(seasons, gameLines));
                current[0] = null;
            }
            if (current[0] == null) {
                current[0] = new LedgerBuilder(side, id);
            }
            current[0].add(rs);
            onLine.run();
        });
        if (current[0] != null) {
            onSnapshot.accept(current[0].build(seasons, gameLines));
        }
    }

    /** One ledger; empty when PostgreSQL has no line of that player or team at all. */
    Optional<LedgerSnapshot> one(Ledger ledger) {
        Map<Long, Map<SeasonOf, SeasonTotals>> seasons = new HashMap<>();
        Map<Long, Map<String, Long>> gameLines = new HashMap<>();
        String filter = idColumn(ledger.side()) + " = ?";
        seasonSums(ledger.side(), filter, List.of(ledger.id()), seasons, gameLines);
        LedgerBuilder builder = new LedgerBuilder(ledger.side(), ledger.id());
        jdbc.query(LINES.formatted(filter, "game_id"), (RowCallbackHandler) builder::add, ledger.id());
        return builder.lines.isEmpty() ? Optional.empty() : Optional.of(builder.build(seasons, gameLines));
    }

    /** One season's sums straight from PostgreSQL, for answers while Redis is down. */
    Optional<SeasonTotals> season(Ledger ledger, String season, SeasonType seasonType) {
        Map<Long, Map<SeasonOf, SeasonTotals>> seasons = new HashMap<>();
        String filter = idColumn(ledger.side()) + " = ? AND season = ? AND season_type = ?";
        seasonSums(ledger.side(), filter, List.of(ledger.id(), season, seasonType.wireName()), seasons, new HashMap<>());
        return Optional.ofNullable(seasons.getOrDefault(ledger.id(), Map.of()).get(new SeasonOf(season, seasonType)));
    }

    /** The latest season with lines of that type, straight from PostgreSQL. */
    Optional<String> latestSeason(Ledger ledger, SeasonType seasonType) {
        return Optional.ofNullable(jdbc.queryForObject(LATEST_SEASON.formatted(idColumn(ledger.side())), String.class,
                ledger.id(), seasonType.wireName()));
    }

    private void seasonSums(Ledger.Side side, String filter, List<Object> args,
                            Map<Long, Map<SeasonOf, SeasonTotals>> seasons, Map<Long, Map<String, Long>> gameLines) {
        if (side == Ledger.Side.PLAYER) {
            jdbc.query(PLAYER_SEASONS.formatted(filter), (RowCallbackHandler) rs -> {
                long lines = rs.getLong("lines");
                seasons.computeIfAbsent(rs.getLong("player_id"), id -> new LinkedHashMap<>())
                        .put(seasonOf(rs), new SeasonTotals(lines, lines, rs.getLong("shooting_lines"), sums(rs)));
            }, args.toArray());
            return;
        }
        Map<Long, Map<SeasonOf, TeamSeason>> teams = new HashMap<>();
        jdbc.query(TEAM_GAMES.formatted(filter), (RowCallbackHandler) rs -> {
            long teamId = rs.getLong("team_id");
            SeasonOf season = seasonOf(rs);
            long lines = rs.getLong("lines");
            long shootingLines = rs.getLong("shooting_lines");
            teams.computeIfAbsent(teamId, id -> new LinkedHashMap<>())
                    .computeIfAbsent(season, s -> new TeamSeason()).addGame(lines, shootingLines, sums(rs));
            Map<String, Long> games = gameLines.computeIfAbsent(teamId, id -> new HashMap<>());
            String gameId = rs.getString("game_id");
            games.put(LedgerSnapshot.gameField(season.season(), season.seasonType(), gameId, false), lines);
            if (shootingLines > 0) {
                games.put(LedgerSnapshot.gameField(season.season(), season.seasonType(), gameId, true), shootingLines);
            }
        }, args.toArray());
        teams.forEach((teamId, teamSeasons) -> {
            Map<SeasonOf, SeasonTotals> totals = new LinkedHashMap<>();
            teamSeasons.forEach((season, sums) -> totals.put(season, sums.totals()));
            seasons.put(teamId, totals);
        });
    }

    /** A team's season, added up from its per-game sums. */
    private static final class TeamSeason {
        private long games;
        private long lines;
        private long shootingGames;
        private final Map<BoxScoreStat, Long> sums = new EnumMap<>(BoxScoreStat.class);

        void addGame(long gameLines, long shootingLines, Map<BoxScoreStat, Long> gameSums) {
            games++;
            lines += gameLines;
            if (shootingLines > 0) {
                shootingGames++;
            }
            gameSums.forEach((stat, sum) -> sums.merge(stat, sum, Long::sum));
        }

        SeasonTotals totals() {
            return new SeasonTotals(lines, games, shootingGames, sums);
        }
    }

    /** Collects the lines of one ledger as they stream by. */
    private static final class LedgerBuilder {
        private final Ledger ledger;
        private final long id;
        private final Map<String, LineState> lines = new LinkedHashMap<>();

        LedgerBuilder(Ledger.Side side, long id) {
            this.ledger = new Ledger(side, id);
            this.id = id;
        }

        void add(ResultSet rs) throws SQLException {
            long[] stats = statValues(rs);
            String gameId = rs.getString("game_id");
            SeasonOf season = seasonOf(rs);
            rs.getLong("fgm");
            boolean shooting = !rs.wasNull();
            lines.put(ledger.lineField(gameId, rs.getLong("player_id")), new LineState(rs.getLong("version"),
                    rs.getBoolean("deleted"), season.season(), season.seasonType(), gameId, shooting, stats));
        }

        LedgerSnapshot build(Map<Long, Map<SeasonOf, SeasonTotals>> seasons, Map<Long, Map<String, Long>> gameLines) {
            return new LedgerSnapshot(ledger, lines, seasons.getOrDefault(id, Map.of()), gameLines.getOrDefault(id, Map.of()));
        }
    }

    private static SeasonOf seasonOf(ResultSet rs) throws SQLException {
        return new SeasonOf(rs.getString("season"), SeasonType.fromWireName(rs.getString("season_type")));
    }

    private static Map<BoxScoreStat, Long> sums(ResultSet rs) throws SQLException {
        long[] values = statValues(rs);
        Map<BoxScoreStat, Long> sums = new EnumMap<>(BoxScoreStat.class);
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            sums.put(stat, values[stat.ordinal()]);
        }
        return sums;
    }

    /** Every stat of a line or a sum, in {@link BoxScoreStat} order; minutes in thousandths, NULL as 0. */
    private static long[] statValues(ResultSet rs) throws SQLException {
        long[] values = new long[BoxScoreStat.values().length];
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            values[stat.ordinal()] = stat == BoxScoreStat.MINUTES_PLAYED
                    ? SeasonTotals.minutesInThousandths(rs.getBigDecimal(stat.wireName()))
                    : rs.getLong(stat.wireName());
        }
        return values;
    }

    private static String idColumn(Ledger.Side side) {
        return side == Ledger.Side.PLAYER ? "player_id" : "team_id";
    }
}
