package courtside.aggregation.source;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LedgerSnapshot;
import courtside.aggregation.ledger.LedgerSnapshot.SeasonOf;
import courtside.aggregation.ledger.LineState;
import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Ledgers as PostgreSQL holds them, read through the SELECT-only role. The season sums are computed by SQL
 * (a team's per game, then added up per season); the lines, removed ones included, are fetched a few
 * ledgers at a time, so that a full rebuild holds only those in memory. The constants are the SQL to EXPLAIN;
 * {@code %s} is a filter ({@code player_id = ?}, ...) or {@code true}.
 * A load reads its ledgers ({@link #read}) in one read-only REPEATABLE READ transaction, so the lines and the sums
 * agree. Also the answers straight from PostgreSQL while Redis is down or the cache incomplete.
 */
@Component
public final class LedgerSnapshots {

    private static final String STATS = BoxScoreStat.counting().stream().map(BoxScoreStat::wireName)
            .collect(Collectors.joining(", "));
    private static final String SHOOTING = BoxScoreStat.shooting().stream().map(BoxScoreStat::wireName)
            .collect(Collectors.joining(", "));
    private static final String SUMS = Arrays.stream(BoxScoreStat.values())
            .map(s -> "sum(%1$s) AS %1$s".formatted(s.wireName())).collect(Collectors.joining(",\n       "));

    /** Every line of the matching ledgers, removed ones included, one ledger after the other. */
    static final String LINES = """
            SELECT player_id, team_id, game_id, game_date, version, deleted, season, season_type,
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

    /** A team's sums per game: the per-game totals of docs/design.md section 3, and how many lines made them. */
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
    private final RetiredSeasons retired;
    private final TransactionTemplate snapshotTransaction;

    LedgerSnapshots(JdbcTemplate jdbc, SourceSettings settings, RetiredSeasons retired, PlatformTransactionManager transactions) {
        // A copy with a fetch size: inside a transaction PostgreSQL then streams rows instead of sending all.
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(settings.fetchSize());
        this.retired = retired;
        this.snapshotTransaction = new TransactionTemplate(transactions);
        // One consistent snapshot for the lines and the sums computed from them.
        snapshotTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshotTransaction.setReadOnly(true);
    }

    /**
     * The ledgers of these players and teams that have a stored line, from one snapshot; in the same snapshot the
     * oldest season retention keeps: a ledger whose tombstones of a dropped season retention has deleted is marked
     * to refuse that season's events, or one of them could count again.
     */
    public StoredLedgers read(Collection<Ledger> ledgers) {
        return snapshotTransaction.execute(status -> {
            Map<Ledger, LedgerSnapshot> found = new HashMap<>();
            ledgers.stream().collect(Collectors.groupingBy(Ledger::side)).forEach((side, sameSide) ->
                    found.putAll(ledgers(side, sameSide.stream().map(Ledger::id).toList())));
            return new StoredLedgers(found, retired.firstKept());
        });
    }

    /** A ledger's lines straight from PostgreSQL, for answers while Redis is down. */
    public Optional<LedgerSnapshot> ledger(Ledger ledger) {
        return Optional.ofNullable(snapshotTransaction.execute(status ->
                ledgers(ledger.side(), List.of(ledger.id())).get(ledger)));
    }

    /** The number of stored lines, removed ones included: what a full rebuild will read. */
    public long lineCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM stat_line", Long.class);
        return count == null ? 0 : count;
    }

    /** Every player or team with a stored line, in id order, with how many lines (removed ones included) it has. */
    public Map<Long, Long> lineCounts(Ledger.Side side) {
        Map<Long, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT %1$s, count(*) FROM stat_line GROUP BY %1$s ORDER BY %1$s".formatted(idColumn(side)),
                (RowCallbackHandler) rs -> counts.put(rs.getLong(1), rs.getLong(2)));
        return counts;
    }

    /** How many lines (removed ones included) each of these players or teams has; an id with none is left out. */
    public Map<Long, Long> lineCounts(Ledger.Side side, List<Long> ids) {
        Map<Long, Long> counts = new HashMap<>();
        jdbc.query("SELECT %1$s, count(*) FROM stat_line WHERE %2$s GROUP BY %1$s".formatted(idColumn(side), everyLineOf(side)),
                idsTwice(ids), (RowCallbackHandler) rs -> counts.put(rs.getLong(1), rs.getLong(2)));
        return counts;
    }

    /**
     * The lines of some players or teams, removed ones included, for two parameters ({@link #idsTwice}): the
     * indexes by player and by team hold live lines only, so a plain {@code player_id = ANY(?)} read the whole
     * table for every load (52 ms for three players at 20 seasons instead of 14); live lines by their index,
     * tombstones by theirs.
     */
    private static String everyLineOf(Ledger.Side side) {
        return "((NOT deleted AND %1$s = ANY(?)) OR (deleted AND %1$s = ANY(?)))".formatted(idColumn(side));
    }

    private static PreparedStatementSetter idsTwice(List<Long> ids) {
        return ps -> {
            Array array = ps.getConnection().createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.setArray(2, array);
        };
    }

    /**
     * The ledgers of these players or teams, one per id that has a stored line: two queries for the sums and
     * one for the lines. Call it in a REPEATABLE READ transaction, so that all three see one snapshot.
     */
    private Map<Ledger, LedgerSnapshot> ledgers(Ledger.Side side, List<Long> ids) {
        Map<Long, Map<SeasonOf, SeasonTotals>> seasons = new HashMap<>();
        Map<Long, Map<String, Long>> gameLines = new HashMap<>();
        String column = idColumn(side);
        String filter = column + " = ANY(?)";
        PreparedStatementSetter idsParameter = ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray()));
        seasonSums(side, filter, idsParameter, seasons, gameLines);
        Map<Long, LedgerBuilder> builders = new LinkedHashMap<>();
        jdbc.query(LINES.formatted(everyLineOf(side), column), idsTwice(ids), (RowCallbackHandler) rs ->
                builders.computeIfAbsent(rs.getLong(column), id -> new LedgerBuilder(side, id)).add(rs));
        Map<Ledger, LedgerSnapshot> snapshots = new LinkedHashMap<>();
        builders.forEach((id, builder) -> snapshots.put(builder.ledger, builder.build(seasons, gameLines)));
        return snapshots;
    }

    /** One season's sums straight from PostgreSQL, for answers while Redis is down. */
    public Optional<SeasonTotals> season(Ledger ledger, String season, SeasonType seasonType) {
        Map<Long, Map<SeasonOf, SeasonTotals>> seasons = new HashMap<>();
        String filter = idColumn(ledger.side()) + " = ? AND season = ? AND season_type = ?";
        seasonSums(ledger.side(), filter, ps -> {
            ps.setLong(1, ledger.id());
            ps.setString(2, season);
            ps.setString(3, seasonType.wireName());
        }, seasons, new HashMap<>());
        return Optional.ofNullable(seasons.getOrDefault(ledger.id(), Map.of()).get(new SeasonOf(season, seasonType)));
    }

    /**
     * The sums of every team in each game a team has a counting line in during a season, by game and team: the
     * team's own and its opponents', as its ledger and theirs keep them ({@code GameSums}), straight from PostgreSQL
     * for answers while Redis is down. Reads the team's lines of the season by the team index, then each game's
     * lines by the primary key.
     */
    public Map<String, Map<Long, SeasonTotals>> gamesOfTeamSeason(long teamId, String season, SeasonType seasonType) {
        Map<String, Map<Long, SeasonTotals>> games = new HashMap<>();
        jdbc.query(TEAM_GAMES.formatted("""
                game_id IN (SELECT game_id FROM stat_line WHERE team_id = ? AND season = ? AND season_type = ? AND NOT deleted)"""),
                (RowCallbackHandler) rs -> games.computeIfAbsent(rs.getString("game_id"), game -> new HashMap<>())
                        .put(rs.getLong("team_id"), new SeasonTotals(rs.getLong("lines"), 1,
                                rs.getLong("shooting_lines") > 0 ? 1 : 0, sums(rs))),
                teamId, season, seasonType.wireName());
        return games;
    }

    /** Every player's or team's sums of one season, straight from PostgreSQL: the leader tables without Redis. */
    public Map<Long, SeasonTotals> seasonTotals(Ledger.Side side, String season, SeasonType seasonType) {
        Map<Long, Map<SeasonOf, SeasonTotals>> seasons = new HashMap<>();
        seasonSums(side, "season = ? AND season_type = ?", ps -> {
            ps.setString(1, season);
            ps.setString(2, seasonType.wireName());
        }, seasons, new HashMap<>());
        Map<Long, SeasonTotals> totals = new HashMap<>();
        SeasonOf wanted = new SeasonOf(season, seasonType);
        seasons.forEach((id, bySeason) -> totals.put(id, bySeason.get(wanted)));
        return totals;
    }

    /**
     * Each player's team in their latest game of the season, as the ledgers keep it: two games on one date are
     * ordered by game id, byte by byte as the apply script compares them (hence {@code COLLATE "C"}).
     */
    public Map<Long, Long> latestTeams(String season, SeasonType seasonType) {
        Map<Long, Long> teams = new HashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (player_id) player_id, team_id FROM stat_line
                WHERE NOT deleted AND season = ? AND season_type = ?
                ORDER BY player_id, game_date DESC, game_id COLLATE "C" DESC""", (RowCallbackHandler) rs -> teams.put(rs.getLong(1), rs.getLong(2)),
                season, seasonType.wireName());
        return teams;
    }

    /** Every season with a counting line, newest first. */
    public List<SeasonOf> seasons() {
        return jdbc.query("SELECT DISTINCT season, season_type FROM stat_line WHERE NOT deleted ORDER BY season DESC, season_type DESC",
                (rs, row) -> seasonOf(rs));
    }

    /** The lines that count (removed ones left out). */
    public long countedLines() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM stat_line WHERE NOT deleted", Long.class);
        return count == null ? 0 : count;
    }

    /** The latest season with lines of that type, straight from PostgreSQL. */
    public Optional<String> latestSeason(Ledger ledger, SeasonType seasonType) {
        return Optional.ofNullable(jdbc.queryForObject(LATEST_SEASON.formatted(idColumn(ledger.side())), String.class,
                ledger.id(), seasonType.wireName()));
    }

    private void seasonSums(Ledger.Side side, String filter, PreparedStatementSetter args,
                            Map<Long, Map<SeasonOf, SeasonTotals>> seasons, Map<Long, Map<String, Long>> gameLines) {
        if (side == Ledger.Side.PLAYER) {
            jdbc.query(PLAYER_SEASONS.formatted(filter), args, (RowCallbackHandler) rs -> {
                long lines = rs.getLong("lines");
                seasons.computeIfAbsent(rs.getLong("player_id"), id -> new LinkedHashMap<>())
                        .put(seasonOf(rs), new SeasonTotals(lines, lines, rs.getLong("shooting_lines"), sums(rs)));
            });
            return;
        }
        Map<Long, Map<SeasonOf, TeamSeason>> teams = new HashMap<>();
        jdbc.query(TEAM_GAMES.formatted(filter), args, (RowCallbackHandler) rs -> {
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
        });
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

    /** Collects the lines of one ledger as they are read. */
    private static final class LedgerBuilder {
        private final Ledger ledger;
        private final Map<String, LineState> lines = new LinkedHashMap<>();

        LedgerBuilder(Ledger.Side side, long id) {
            this.ledger = new Ledger(side, id);
        }

        void add(ResultSet rs) throws SQLException {
            long[] stats = statValues(rs);
            String gameId = rs.getString("game_id");
            SeasonOf season = seasonOf(rs);
            boolean shooting = rs.getObject("fgm") != null;
            lines.put(ledger.lineField(gameId, rs.getLong("player_id")), new LineState(rs.getLong("version"),
                    rs.getBoolean("deleted"), season.season(), season.seasonType(), gameId, shooting, stats,
                    rs.getObject("game_date", LocalDate.class), rs.getLong("team_id")));
        }

        LedgerSnapshot build(Map<Long, Map<SeasonOf, SeasonTotals>> seasons, Map<Long, Map<String, Long>> gameLines) {
            return new LedgerSnapshot(ledger, lines, seasons.getOrDefault(ledger.id(), Map.of()),
                    gameLines.getOrDefault(ledger.id(), Map.of()));
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
