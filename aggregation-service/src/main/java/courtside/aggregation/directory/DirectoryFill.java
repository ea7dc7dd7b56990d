package courtside.aggregation.directory;

import courtside.aggregation.cache.RedisPipelines;
import courtside.aggregation.rebuild.FullRebuildStarted;
import courtside.aggregation.source.StoredNames;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static courtside.aggregation.directory.DirectoryLayout.bytes;
import static courtside.aggregation.directory.DirectoryLayout.gameKey;
import static courtside.aggregation.directory.DirectoryLayout.playerField;
import static courtside.aggregation.directory.DirectoryLayout.playerTeamField;
import static courtside.aggregation.directory.DirectoryLayout.teamField;

/**
 * Fills the directory from PostgreSQL when a full rebuild starts (after a flush, say): names are not derived from
 * the ledgers, so the rebuild's ledger loads would not bring them back.
 */
@Component
final class DirectoryFill {

    /** Game teams hashes written per pipeline: a long history has tens of thousands of games. */
    private static final int FILL_CHUNK = 2000;

    private final RedisPipelines pipelines;
    private final StoredNames database;
    private final DirectoryMemory memory;

    DirectoryFill(RedisPipelines pipelines, StoredNames database, DirectoryMemory memory) {
        this.pipelines = pipelines;
        this.database = database;
        this.memory = memory;
    }

    /** Before the rebuild's ledgers load, synchronously, so that a failure here fails the rebuild as before. */
    @EventListener
    void fillFromDatabase(FullRebuildStarted started) {
        Map<String, String> names = new HashMap<>();
        database.everyPlayerName((id, name) -> names.put(playerField(id), name));
        database.everyPlayerTeam((id, team) -> names.put(playerTeamField(id), team));
        database.everyTeamAbbreviation((id, name) -> names.put(teamField(id), name));
        Map<String, Map<String, String>> games = new HashMap<>();
        database.everyGameTeam((game, team, abbreviation) ->
                games.computeIfAbsent(game, id -> new HashMap<>()).put(Long.toString(team), abbreviation));
        if (!names.isEmpty()) {
            // What the events wrote before may differ from what PostgreSQL holds: the next ones write theirs again.
            memory.replacingNames(() -> pipelines.pipelined(connection -> {
                connection.hashCommands().hMSet(RedisPipelines.bytes(DirectoryLayout.NAMES_KEY), bytes(names));
                SearchIndex.add(connection, names);
            }, List.of()));
        }
        List<String> gameIds = List.copyOf(games.keySet());
        for (int from = 0; from < gameIds.size(); from += FILL_CHUNK) {
            List<String> chunk = gameIds.subList(from, Math.min(from + FILL_CHUNK, gameIds.size()));
            pipelines.pipelined(connection -> chunk.forEach(game ->
                    connection.hashCommands().hMSet(RedisPipelines.bytes(gameKey(game)), bytes(games.get(game)))), List.of());
        }
    }
}
