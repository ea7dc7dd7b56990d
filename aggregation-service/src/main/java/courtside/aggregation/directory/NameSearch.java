package courtside.aggregation.directory;

import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.cache.RedisPipelines;
import courtside.aggregation.source.StoredNames;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static courtside.aggregation.directory.DirectoryLayout.id;
import static courtside.aggregation.directory.DirectoryLayout.isPlayer;
import static courtside.aggregation.directory.DirectoryLayout.isTeam;
import static courtside.aggregation.directory.DirectoryLayout.playerTeamField;

/**
 * Finds players and teams by a word of their name, for the dashboard's search box: through the {@link SearchIndex},
 * or from PostgreSQL while Redis is down.
 */
@Component
public final class NameSearch {

    /** Index members read per hit wanted: a name is found under several of its words, and stale words are skipped. */
    private static final int CANDIDATES_PER_HIT = 4;

    private final RedisPipelines pipelines;
    private final StoredNames database;
    private final SearchIndex index;

    NameSearch(RedisPipelines pipelines, StoredNames database, SearchIndex index) {
        this.pipelines = pipelines;
        this.database = database;
        this.index = index;
    }

    /** A player as a search finds them, with the team of the latest line seen. */
    public record PlayerEntry(long playerId, String playerName, String teamAbbreviation) {
    }

    /** A team as a search finds it. */
    public record TeamEntry(long teamId, String teamAbbreviation) {
    }

    /** What a search found. */
    public record Found(List<PlayerEntry> players, List<TeamEntry> teams) {
    }

    /**
     * Players and teams with a word of their name (or the whole name) that starts with the text, ignoring case,
     * each by name; from PostgreSQL while Redis is down. Reads the index words that start with the text and the
     * names they point to, never every name: a search costs O(log n + limit) however many names are kept.
     */
    public Found search(String text, int limit) {
        String wanted = text.toLowerCase(Locale.ROOT);
        List<String> members;
        List<String> fields;
        Map<String, String> current = new HashMap<>();
        try {
            members = index.startingWith(wanted, limit * CANDIDATES_PER_HIT);
            fields = members.stream().map(SearchIndex::fieldOf).distinct().toList();
            if (!fields.isEmpty()) {
                List<Object> keys = new ArrayList<>();
                fields.forEach(field -> {
                    keys.add(field);
                    keys.add(isPlayer(field) ? playerTeamField(id(field)) : field);
                });
                List<Object> values = pipelines.call(() -> pipelines.template().opsForHash()
                        .multiGet(DirectoryLayout.NAMES_KEY, keys));
                for (int i = 0; i < keys.size(); i++) {
                    if (values.get(i) != null) {
                        current.put(String.valueOf(keys.get(i)), String.valueOf(values.get(i)));
                    }
                }
            }
        } catch (CacheUnavailableException e) {
            return searchDatabase(wanted, limit);
        }
        index.forgetStale(members, current);
        List<PlayerEntry> players = new ArrayList<>();
        List<TeamEntry> teams = new ArrayList<>();
        for (String field : fields) {
            String name = current.get(field);
            // A word of a name since changed or purged: the index is only a guide, the names hash decides.
            if (name == null || SearchIndex.words(name).stream().noneMatch(word -> word.startsWith(wanted))) {
                continue;
            }
            if (isPlayer(field)) {
                players.add(new PlayerEntry(id(field), name, current.get(playerTeamField(id(field)))));
            } else if (isTeam(field)) {
                teams.add(new TeamEntry(id(field), name));
            }
        }
        return new Found(players.stream().sorted(Comparator.comparing(PlayerEntry::playerName)).limit(limit).toList(),
                teams.stream().sorted(Comparator.comparing(TeamEntry::teamAbbreviation)).limit(limit).toList());
    }

    private Found searchDatabase(String wanted, int limit) {
        return new Found(database.searchPlayers(wanted, limit).stream()
                .map(player -> new PlayerEntry(player.playerId(), player.playerName(), player.teamAbbreviation())).toList(),
                database.searchTeams(wanted, limit).stream()
                        .map(team -> new TeamEntry(team.teamId(), team.teamAbbreviation())).toList());
    }
}
