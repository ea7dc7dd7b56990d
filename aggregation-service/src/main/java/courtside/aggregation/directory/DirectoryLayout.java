package courtside.aggregation.directory;

import courtside.aggregation.cache.RedisPipelines;
import courtside.aggregation.ledger.Ledger;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the directory keeps who is who in Redis, shared by the classes that write, read, search and forget it: one
 * hash of names, keyed by fields such as {@code player:203999}, and one hash per game of its teams.
 */
final class DirectoryLayout {

    static final String NAMES_KEY = Ledger.PREFIX + "names";

    private DirectoryLayout() {
    }

    static String gameKey(String gameId) {
        return Ledger.PREFIX + "game:" + gameId + ":teams";
    }

    static String playerField(long id) {
        return "player:" + id;
    }

    static String teamField(long id) {
        return "team:" + id;
    }

    /** The abbreviation of the team on the player's latest line seen: a hint for search results. */
    static String playerTeamField(long id) {
        return "player-team:" + id;
    }

    static boolean isPlayer(String field) {
        return field.startsWith("player:");
    }

    static boolean isTeam(String field) {
        return field.startsWith("team:");
    }

    static long id(String field) {
        return Long.parseLong(field.substring(field.indexOf(':') + 1));
    }

    /** A game's teams hash as team id to abbreviation. */
    static Map<Long, String> teams(Map<?, ?> hash) {
        return hash.entrySet().stream().collect(Collectors.toMap(e -> Long.parseLong(String.valueOf(e.getKey())),
                e -> String.valueOf(e.getValue())));
    }

    static Map<byte[], byte[]> bytes(Map<String, String> map) {
        Map<byte[], byte[]> bytes = new HashMap<>();
        map.forEach((k, v) -> bytes.put(RedisPipelines.bytes(k), RedisPipelines.bytes(v)));
        return bytes;
    }
}
