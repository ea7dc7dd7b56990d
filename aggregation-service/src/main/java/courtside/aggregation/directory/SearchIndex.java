package courtside.aggregation.directory;

import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.cache.RedisPipelines;
import courtside.aggregation.ledger.Ledger;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.zset.DefaultTuple;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The search index of player and team names: a sorted set, every score 0, so that members sort by their bytes and
 * ZRANGEBYLEX finds every member that starts with a prefix in O(log n + found). A member is a lower-cased word of a
 * name (and the whole name), a NUL, and the names field it belongs to ({@code player:203999}); NUL sorts before every
 * character a name may hold, so {@code [word} .. {@code [word\xff} is exactly the words that start with {@code word}.
 * The index is only a guide: the names hash decides, and words of names since changed are dropped as found.
 */
@Component
final class SearchIndex {

    private static final String SEARCH_KEY = Ledger.PREFIX + "name-words";
    private static final char SEPARATOR = '\0';

    private final RedisPipelines pipelines;

    SearchIndex(RedisPipelines pipelines) {
        this.pipelines = pipelines;
    }

    /** The lower-cased words a name is found by: the whole name, each word, and each part of a hyphenated word. */
    static Set<String> words(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        Set<String> words = new LinkedHashSet<>();
        if (!lower.isEmpty()) {
            words.add(lower);
        }
        for (String word : lower.split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
                for (String part : word.split("[-'.]")) {
                    if (!part.isEmpty()) {
                        words.add(part);
                    }
                }
            }
        }
        return words;
    }

    /** The names field a member points to. */
    static String fieldOf(String member) {
        return member.substring(member.lastIndexOf(SEPARATOR) + 1);
    }

    private static String wordOf(String member) {
        return member.substring(0, member.lastIndexOf(SEPARATOR));
    }

    /** The members for every word of a name, as a purge removes them. */
    static List<byte[]> membersOf(String field, String name) {
        return words(name).stream().map(word -> RedisPipelines.bytes(word + SEPARATOR + field)).toList();
    }

    /**
     * Adds, on a pipelined connection, the words of the player and team names among {@code names} (fields to
     * values) to the index; other fields (a player's latest team) are not searched by.
     */
    static void add(RedisConnection connection, Map<String, String> names) {
        Set<Tuple> members = new LinkedHashSet<>();
        names.forEach((field, name) -> {
            if (DirectoryLayout.isPlayer(field) || DirectoryLayout.isTeam(field)) {
                words(name).forEach(word -> members.add(new DefaultTuple(
                        RedisPipelines.bytes(word + SEPARATOR + field), 0.0)));
            }
        });
        if (!members.isEmpty()) {
            connection.zSetCommands().zAdd(RedisPipelines.bytes(SEARCH_KEY), members);
        }
    }

    /** Removes these members, on a pipelined connection. */
    static void remove(RedisConnection connection, List<byte[]> members) {
        connection.zSetCommands().zRem(RedisPipelines.bytes(SEARCH_KEY), members.toArray(byte[][]::new));
    }

    /**
     * At most {@code count} members whose word starts with {@code wanted} (lower-cased already), in index order.
     *
     * @throws CacheUnavailableException while Redis is down
     */
    List<String> startingWith(String wanted, int count) {
        byte[] low = RedisPipelines.bytes(wanted);
        byte[] high = Arrays.copyOf(low, low.length + 1);
        // 0xFF never occurs in UTF-8: every member that starts with the text sorts below text + 0xFF.
        high[low.length] = (byte) 0xFF;
        List<Object> words = pipelines.pipelined(connection -> connection.zSetCommands().zRangeByLex(
                RedisPipelines.bytes(SEARCH_KEY), Range.closed(low, high), Limit.limit().count(count)), List.of());
        return words.isEmpty() || words.getFirst() == null ? List.of() : ((Collection<?>) words.getFirst()).stream()
                .map(member -> member instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8)
                        : String.valueOf(member)).toList();
    }

    /**
     * Drops the members of names since changed or forgotten that a search came across, given the names now held of
     * their fields, so that they do not pile up.
     */
    void forgetStale(List<String> members, Map<String, String> current) {
        Object[] stale = members.stream().filter(member -> {
            String name = current.get(fieldOf(member));
            return name == null || !words(name).contains(wordOf(member));
        }).toArray();
        if (stale.length > 0) {
            try {
                pipelines.call(() -> pipelines.template().opsForZSet().remove(SEARCH_KEY, stale));
            } catch (CacheUnavailableException e) {
                // The next search that comes across them tries again.
            }
        }
    }

    /**
     * Indexes the words of every name kept when the index is missing while names are not (a cache written by a
     * version without the index): otherwise those names would be found only after their next event.
     *
     * @return how many names were indexed
     */
    int indexNamesIfMissing() {
        if (Boolean.TRUE.equals(pipelines.call(() -> pipelines.template().hasKey(SEARCH_KEY)))) {
            return 0;
        }
        Map<String, String> names = new HashMap<>();
        pipelines.call(() -> pipelines.template().opsForHash().entries(DirectoryLayout.NAMES_KEY))
                .forEach((field, name) -> names.put(String.valueOf(field), String.valueOf(name)));
        names.keySet().removeIf(field -> field.startsWith("player-team:"));
        if (!names.isEmpty()) {
            pipelines.pipelined(connection -> add(connection, names), List.of());
        }
        return names.size();
    }
}
