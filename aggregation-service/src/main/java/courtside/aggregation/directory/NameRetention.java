package courtside.aggregation.directory;

import courtside.aggregation.cache.RedisPipelines;
import courtside.aggregation.source.StoredNames;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static courtside.aggregation.directory.DirectoryLayout.id;
import static courtside.aggregation.directory.DirectoryLayout.isPlayer;
import static courtside.aggregation.directory.DirectoryLayout.isTeam;
import static courtside.aggregation.directory.DirectoryLayout.playerTeamField;

/**
 * Keeps the directory's names only as long as their players and teams have lines, as retention keeps the lines: a
 * line's removal event leaves the name behind, since a name is not an aggregate. {@link NamePurge} runs it now and
 * then.
 */
@Component
public final class NameRetention {

    private final RedisPipelines pipelines;
    private final StoredNames database;
    private final DirectoryMemory memory;

    NameRetention(RedisPipelines pipelines, StoredNames database, DirectoryMemory memory) {
        this.pipelines = pipelines;
        this.database = database;
        this.memory = memory;
    }

    /**
     * Forgets the names (and their search words) of players and teams that have no line left, e.g. after
     * stats-service's retention dropped their seasons. The hash is read before PostgreSQL, so a name written after
     * its line was committed is never purged; one written by a line committed meanwhile may be, and is then read
     * from PostgreSQL (and written again by the next event of that player).
     *
     * @return how many players and teams were forgotten
     */
    public int purgeNamesWithoutLines() {
        Map<Object, Object> all = pipelines.call(() -> pipelines.template().opsForHash().entries(DirectoryLayout.NAMES_KEY));
        Set<Long> players = database.playersWithLines();
        Set<Long> teams = database.teamsWithLines();
        List<byte[]> fields = new ArrayList<>();
        List<byte[]> words = new ArrayList<>();
        int forgotten = 0;
        for (Map.Entry<Object, Object> entry : all.entrySet()) {
            String field = String.valueOf(entry.getKey());
            boolean player = isPlayer(field);
            boolean team = isTeam(field);
            if (!(player || team) || (player ? players : teams).contains(id(field))) {
                continue;
            }
            forgotten++;
            fields.add(RedisPipelines.bytes(field));
            if (player) {
                fields.add(RedisPipelines.bytes(playerTeamField(id(field))));
            }
            words.addAll(SearchIndex.membersOf(field, String.valueOf(entry.getValue())));
        }
        if (forgotten > 0) {
            // Written again by the next event of such a player, should he come back: a consumer's write of his
            // name is wholly before this (deleted, then forgotten) or wholly after (in Redis and remembered).
            memory.replacingNames(() -> pipelines.pipelined(connection -> {
                connection.hashCommands().hDel(RedisPipelines.bytes(DirectoryLayout.NAMES_KEY), fields.toArray(byte[][]::new));
                SearchIndex.remove(connection, words);
            }, List.of()));
        }
        return forgotten;
    }
}
