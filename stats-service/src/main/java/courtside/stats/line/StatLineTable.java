package courtside.stats.line;

import courtside.model.BoxScore;
import courtside.model.BoxScoreStat;
import courtside.model.SeasonType;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code stat_line} table as the write path ({@link LineRecorder}) reads and stores it, in plain JDBC. A JFR
 * profile of ingest in batches of 100 put most of stats-service's CPU in Hibernate: loading the entities,
 * snapshotting and dirty-checking them, flushing the persistence context. Here a batch is one query and at
 * most two batched statements. The reads of the API stay on JPA ({@link StatLineRepository}).
 *
 * <p>Every call runs in the caller's transaction, under the locks of the games it touches ({@link GameLocks}),
 * so no other writer changes these rows between the read and the write.
 */
@Component
final class StatLineTable {

    // The box-score columns are BoxScore's wire names in wire order, so a new stat needs no change here.
    private static final String COLUMNS = "game_id, player_id, version, deleted, game_date, season, season_type, "
            + "player_name, team_id, team_abbreviation, " + String.join(", ", BoxScore.fieldNames()) + ", updated_at";
    private static final String IN_GAMES = "SELECT " + COLUMNS + " FROM stat_line WHERE game_id = ANY(?::varchar[])";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM stat_line WHERE game_id = ? AND player_id = ?";
    // created_at is the first version's updated_at, and only the insert sets it.
    private static final String INSERT = "INSERT INTO stat_line (" + COLUMNS + ", created_at) VALUES ("
            + "?, ".repeat(COLUMNS.split(",").length) + "?)";
    // The version the line had when it was read: the game locks make a mismatch impossible, and the check
    // keeps it so (a lost row or an unexpected version fails the transaction instead of writing over it).
    private static final String UPDATE = "UPDATE stat_line SET version = ?, deleted = ?, game_date = ?, season = ?, "
            + "season_type = ?, player_name = ?, team_id = ?, team_abbreviation = ?, "
            + BoxScore.fieldNames().stream().map(column -> column + " = ?, ").collect(Collectors.joining())
            + "updated_at = ? WHERE game_id = ? AND player_id = ? AND version = ?";
    private static final int BATCH_SIZE = 500;

    private static final RowMapper<StatLine> STORED = StatLineTable::read;

    private final JdbcTemplate jdbc;

    StatLineTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every line of the given games, tombstones included: what a write checks a game's rules against. */
    List<StatLine> findAllInGames(Collection<String> gameIds) {
        String[] ids = gameIds.toArray(String[]::new);
        return jdbc.query(IN_GAMES, ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids)), STORED);
    }

    /** The line, tombstone or not. */
    Optional<StatLine> find(StatLineId id) {
        return jdbc.query(BY_ID, STORED, id.gameId(), id.playerId()).stream().findFirst();
    }

    /** Stores lines that have no row yet. */
    void insert(List<StatLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, lines, BATCH_SIZE, (ps, line) -> {
            ps.setString(1, line.id().gameId());
            ps.setLong(2, line.id().playerId());
            ps.setLong(3, line.version());
            ps.setBoolean(4, line.deleted());
            int next = bindValues(ps, 5, line);
            ps.setObject(next, timestamp(line), Types.TIMESTAMP_WITH_TIMEZONE);
        });
    }

    /**
     * Stores the next version of lines read by this transaction: each went up by exactly one version since.
     *
     * @throws OptimisticLockingFailureException when a row is gone or holds another version; nothing is stored
     */
    void update(List<StatLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        int[][] counts = jdbc.batchUpdate(UPDATE, lines, BATCH_SIZE, (ps, line) -> {
            ps.setLong(1, line.version());
            ps.setBoolean(2, line.deleted());
            int next = bindValues(ps, 3, line);
            ps.setString(next, line.id().gameId());
            ps.setLong(next + 1, line.id().playerId());
            ps.setLong(next + 2, line.version() - 1);
        });
        for (int[] batch : counts) {
            for (int count : batch) {
                if (count != 1) {
                    throw new OptimisticLockingFailureException(
                            "A stored line changed under its game lock: %d rows updated instead of 1".formatted(count));
                }
            }
        }
    }

    /**
     * Binds the columns from {@code game_date} to {@code updated_at}, the ones an insert and an update share,
     * from parameter {@code first} on.
     *
     * @return the next parameter index
     */
    private static int bindValues(PreparedStatement ps, int first, StatLine line) throws SQLException {
        int i = first;
        ps.setObject(i++, line.gameDate());
        ps.setString(i++, line.season());
        ps.setString(i++, line.seasonType().wireName());
        ps.setString(i++, line.playerName());
        ps.setLong(i++, line.teamId());
        ps.setString(i++, line.teamAbbreviation());
        for (Number value : line.stats().fields().values()) {
            if (value instanceof BigDecimal minutes) {
                ps.setBigDecimal(i++, minutes);
            } else {
                ps.setObject(i++, value, Types.INTEGER);
            }
        }
        ps.setObject(i++, timestamp(line), Types.TIMESTAMP_WITH_TIMEZONE);
        return i;
    }

    private static BoxScore boxScore(ResultSet row) throws SQLException {
        Map<BoxScoreStat, Number> stats = new EnumMap<>(BoxScoreStat.class);
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            stats.put(stat, stat == BoxScoreStat.MINUTES_PLAYED ? row.getBigDecimal(stat.wireName())
                    : row.getObject(stat.wireName(), Integer.class));
        }
        return BoxScore.of(stats::get, row.getInt("overtime_periods"), row.getObject("plus_minus", Integer.class));
    }

    private static OffsetDateTime timestamp(StatLine line) {
        return line.updatedAt().atOffset(ZoneOffset.UTC);
    }

    private static StatLine read(ResultSet row, int rowNumber) throws SQLException {
        return new StatLine(
                new StatLineId(row.getString("game_id"), row.getLong("player_id")),
                row.getLong("version"),
                row.getBoolean("deleted"),
                row.getObject("game_date", LocalDate.class),
                row.getString("season"),
                SeasonType.fromWireName(row.getString("season_type")),
                row.getString("player_name"),
                row.getLong("team_id"),
                row.getString("team_abbreviation"),
                boxScore(row),
                row.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
