package courtside.aggregation.directory;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What this instance last wrote of each name, and the games whose two teams it has read: each batch of events would
 * otherwise write every name again and read every game's teams, the largest part of its directory work. One bean,
 * shared by the event writes, the purge and the rebuild's fill, since each of them changes what Redis holds.
 */
@Component
final class DirectoryMemory {

    private static final int REMEMBERED = 20_000;
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    private final Map<String, String> written = boundedMap();
    /**
     * Held from a write of names to Redis until {@link #written} says so, and while anything else changes the names
     * in Redis: two consumer threads writing one name (a team's, from lines on two partitions), one first in Redis and
     * the other first in {@link #written}, left it believing a name written that Redis did not hold, and the next
     * lines carrying that name skipped writing it for up to a minute (a rename not shown).
     */
    private final ReentrantLock nameWrites = new ReentrantLock();
    private final Map<String, Map<Long, String>> completeGames = boundedMap();
    private volatile long rememberedSince = System.nanoTime();

    /**
     * The memory of what is in Redis is dropped every minute, so that after a flush the names and game teams are
     * written again by the next events (a full rebuild also fills them from PostgreSQL).
     */
    void forgetNowAndThen() {
        long now = System.nanoTime();
        if (now - rememberedSince > FORGET_EVERY.toNanos()) {
            rememberedSince = now;
            written.clear();
            completeGames.clear();
        }
    }

    /** Names seldom change: drops from {@code names} (fields to values) those this instance has written as they are. */
    void dropWritten(Map<String, String> names) {
        names.entrySet().removeIf(name -> name.getValue().equals(written.get(name.getKey())));
    }

    /**
     * Runs a pipeline that writes {@code names} to Redis (it may do more), then remembers them as written; under the
     * lock only when there are names, which once this instance has run a while is seldom, so only then do consumer
     * threads wait here.
     */
    List<Object> writingNames(Map<String, String> names, Supplier<List<Object>> pipeline) {
        boolean writesNames = !names.isEmpty();
        if (writesNames) {
            nameWrites.lock();
        }
        try {
            List<Object> replies = pipeline.get();
            written.putAll(names);
            return replies;
        } finally {
            if (writesNames) {
                nameWrites.unlock();
            }
        }
    }

    /**
     * Runs a change to the names in Redis other than an event's (a purge, a fill from PostgreSQL), then forgets what
     * this instance wrote, so that the next events write their names again: an event's write is wholly before the
     * change or wholly after it.
     */
    void replacingNames(Runnable change) {
        nameWrites.lock();
        try {
            change.run();
            written.clear();
        } finally {
            nameWrites.unlock();
        }
    }

    /** The two teams of a game, if this instance has read them both; {@code null} otherwise. */
    Map<Long, String> completeGame(String gameId) {
        return completeGames.get(gameId);
    }

    /** Remembers a game's teams once both are known: only then can later lines of the game skip reading them. */
    void rememberIfComplete(String gameId, Map<Long, String> teams) {
        if (teams.size() == 2) {
            completeGames.put(gameId, teams);
        }
    }

    /** A map of at most {@link #REMEMBERED} entries, the oldest dropped first, shared by the consumer threads. */
    private static <V> Map<String, V> boundedMap() {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > REMEMBERED;
            }
        });
    }
}
