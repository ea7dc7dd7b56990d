package courtside.aggregation.ledger;

import courtside.model.SeasonType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A player's or a team's ledger in Redis: the last applied version and values of each of their lines, and the
 * sums of every season they have lines in. All of its keys share one hash tag ({@code {player:203999}}), so
 * each atomic step touches one Redis Cluster slot (docs/design.md section 6). A line counts in two ledgers, its
 * player's and its team's, each with its own copy of the line's state.
 */
public record Ledger(Side side, long id) {

    /** Bumped when the layout of the keys or of a line's state changes: a new prefix is an empty cache. */
    public static final int LAYOUT_VERSION = 4;
    public static final String PREFIX = "courtside:v" + LAYOUT_VERSION + ":";
    private static final Pattern LOADED_KEY =
            Pattern.compile(Pattern.quote(PREFIX) + "\\{(player|team):(\\d+)}:loaded");

    /** Which ledger: a player's (lines keyed by game) or a team's (lines keyed by game and player). */
    public enum Side {
        PLAYER("player"), TEAM("team");

        private final String tag;

        Side(String tag) {
            this.tag = tag;
        }
    }

    public static Ledger player(long playerId) {
        return new Ledger(Side.PLAYER, playerId);
    }

    public static Ledger team(long teamId) {
        return new Ledger(Side.TEAM, teamId);
    }

    /** {@code courtside:v4:{player:203999}}: every key of the ledger starts with it. */
    String prefix() {
        return PREFIX + "{" + side.tag + ":" + id + "}";
    }

    /** Present once the ledger was loaded from PostgreSQL; events are applied to loaded ledgers only. */
    public String loadedKey() {
        return prefix() + ":loaded";
    }

    /** Set by a loader before it takes its snapshot; a flush erases it, and the stale snapshot is refused. */
    String fenceKey(String token) {
        return prefix() + ":fence:" + token;
    }

    /**
     * A counter that goes up with every change of the ledger, starting at load from the Redis clock in
     * microseconds: a ledger loaded again after a flush starts above anything its old self ever counted. The read
     * models derived from a ledger's sums keep the revision they were derived from and refuse an older one, so
     * that two writers racing each other cannot leave a stale derivation behind.
     */
    String revisionKey() {
        return prefix() + ":rev";
    }

    /**
     * The first season the ledger still takes events of, once it holds nothing of the seasons stats-service's
     * retention dropped before it: set by a load from PostgreSQL or by the purge of those seasons' tombstones, never
     * lowered. The apply script refuses an event of an older season, so a late or replayed event cannot bring back
     * a line whose removal (its tombstone) is gone.
     */
    String retiredKey() {
        return prefix() + ":retired";
    }

    /** Hash: line field to the line's state, see {@link LineState}. */
    String linesKey() {
        return prefix() + ":lines";
    }

    /** Set of {@code season_type|season} members that have at least one counting line. */
    String seasonsKey() {
        return prefix() + ":seasons";
    }

    /** Team ledgers only. Hash: {@code season|season_type|game_id} to the team's counting lines in the game
     *  (and {@code ...|shooting} to those with the shooting block), from which team games are counted. */
    String gamesKey() {
        return prefix() + ":games";
    }

    /**
     * Team ledgers only. Hash: {@code season|season_type|game_id} to the team's sums in that game
     * ({@link GameSums}), while it has a counting line there: the team's opponents' answers read them.
     */
    String gameSumsKey() {
        return prefix() + ":gamesum";
    }

    /**
     * Hash of one season's sums: {@code lines}, {@code games} (teams), {@code shooting_games} and every stat; a
     * player's also {@code last_date} and {@code team} (his latest game) and {@code team:<team_id>} (his lines for
     * each team).
     */
    String seasonKey(String season, SeasonType seasonType) {
        return prefix() + ":season:" + season + ":" + seasonType.wireName();
    }

    /** The ledger whose {@link #loadedKey() loaded marker} this is, or {@code null} for another key. */
    static Ledger ofLoadedKey(String key) {
        Matcher m = LOADED_KEY.matcher(key);
        if (!m.matches()) {
            return null;
        }
        return new Ledger(m.group(1).equals(Side.PLAYER.tag) ? Side.PLAYER : Side.TEAM, Long.parseLong(m.group(2)));
    }

    /** The field under which this ledger keeps a line: the game for a player, game and player for a team. */
    public String lineField(String gameId, long playerId) {
        return side == Side.PLAYER ? gameId : gameId + "/" + playerId;
    }

    static String seasonMember(String season, SeasonType seasonType) {
        return seasonType.wireName() + "|" + season;
    }

    static String gameField(String season, SeasonType seasonType, String gameId) {
        return season + "|" + seasonType.wireName() + "|" + gameId;
    }
}
