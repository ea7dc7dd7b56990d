package courtside.stats.retention;

import courtside.model.Season;
import courtside.stats.line.LineRecorder;
import courtside.stats.line.RetiredSeasons;
import courtside.stats.outbox.OutboxRelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Drops the seasons older than the {@code keepSeasons} newest from PostgreSQL and every read model: it retires
 * them (no line is accepted for them any more), removes their lines a few games per transaction the way a
 * DELETE does, so the relay publishes a removal event for each (one batch at a time), and once those events
 * are published deletes the tombstones for good. The season of today is never dropped, nor (with at least one season kept) the
 * newest one with lines.
 *
 * <p>Every step can be repeated: a run cut short (a crash, Kafka down) leaves retired seasons with lines or
 * tombstones, and the next run finishes them.
 */
@Component
final class SeasonRetention {

    private static final Logger log = LoggerFactory.getLogger(SeasonRetention.class);

    /** Advisory lock key of retention ("retentio" in ASCII); distinct from the outbox relay's. */
    static final long RETENTION_LOCK = 0x726574656E74696FL;
    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(?)";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(?)";
    /** Games per transaction: about 25 lines each, so a few hundred lines, and few game locks held at once. */
    private static final int GAMES_PER_BATCH = 16;
    /** How long a run waits for its removal events to be published before it leaves the rest to the next run. */
    private static final Duration PUBLISH_WAIT = Duration.ofMinutes(2);

    private final RetentionSettings settings;
    private final RetiredSeasons retired;
    private final LineRecorder recorder;
    private final OutboxRelay relay;
    private final DataSource dataSource;
    private final Clock clock;
    private final Counter linesDropped;
    private final Timer runs;

    SeasonRetention(RetentionSettings settings, RetiredSeasons retired, LineRecorder recorder, OutboxRelay relay,
                    DataSource dataSource, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.retired = retired;
        this.recorder = recorder;
        this.relay = relay;
        this.dataSource = dataSource;
        this.clock = clock;
        this.linesDropped = Counter.builder("courtside.retention.lines.dropped")
                .description("Lines removed by retention from PostgreSQL and every read model").register(meters);
        this.runs = Timer.builder("courtside.retention.runs")
                .description("Retention runs that held the lock, and how long they took").register(meters);
    }

    /**
     * Runs retention once, unless it is off or another instance is running it.
     *
     * @return what the run did; empty when it did not run
     */
    Optional<RetentionRun> run() throws InterruptedException {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        // A session lock, held across the run's many transactions on a connection of its own: released below,
        // or by PostgreSQL when the connection dies with the instance.
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, TRY_LOCK)) {
                log.debug("Retention is running on another instance");
                return Optional.empty();
            }
            try {
                RetentionRun run = dropExpiredSeasons();
                runs.record(run.took());
                return Optional.of(run);
            } finally {
                advisoryLock(lock, UNLOCK);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Retention could not take its advisory lock", e);
        }
    }

    private RetentionRun dropExpiredSeasons() throws InterruptedException {
        long startedAt = System.nanoTime();
        List<String> withLines = retired.seasonsWithLines();
        oldestToKeep(withLines, settings.keepSeasons(), Season.of(LocalDate.now(clock.withZone(ZoneOffset.UTC))))
                .ifPresent(retired::retireBefore);
        Optional<String> stored = retired.firstKept();
        if (stored.isEmpty()) {
            return new RetentionRun(null, List.of(), false, elapsedSince(startedAt));
        }
        String firstKept = stored.get();

        Map<String, Integer> removed = new TreeMap<>();
        // Older tombstones' events too must be out before their rows go; usually there is nothing left to wait for.
        boolean published = removeLines(firstKept, withLines, removed) && relay.awaitPublished(PUBLISH_WAIT);
        Map<String, Integer> purged = published ? purgeTombstones(firstKept) : Map.of();

        List<DroppedSeason> dropped = new ArrayList<>();
        TreeMap<String, Integer> seasons = new TreeMap<>(removed);
        purged.forEach(seasons::putIfAbsent);
        for (String season : seasons.keySet()) {
            int linesRemoved = removed.getOrDefault(season, 0);
            int linesPurged = purged.getOrDefault(season, 0);
            if (linesRemoved > 0 || linesPurged > 0) {
                dropped.add(new DroppedSeason(season, linesRemoved, linesPurged));
            }
        }
        RetentionRun run = new RetentionRun(firstKept, List.copyOf(dropped), !published, elapsedSince(startedAt));
        report(run);
        return run;
    }

    /**
     * Removes the lines of the retired seasons, oldest season first, counting them into {@code removed}.
     *
     * @return whether every removal event was published; if not, the rest is left to the next run
     */
    private boolean removeLines(String firstKept, List<String> withLines, Map<String, Integer> removed)
            throws InterruptedException {
        for (String season : withLines.reversed()) {
            if (season.compareTo(firstKept) >= 0) {
                continue;
            }
            List<String> games = retired.gamesWithLines(season, GAMES_PER_BATCH);
            while (!games.isEmpty()) {
                removed.merge(season, recorder.removeSeason(season, games), Integer::sum);
                // One batch of removal events at a time ahead of the live ones: a whole season queued at once
                // would hold every newly accepted line's event back behind it for seconds.
                if (!relay.awaitPublished(PUBLISH_WAIT)) {
                    return false;
                }
                games = retired.gamesWithLines(season, GAMES_PER_BATCH);
            }
        }
        return true;
    }

    /** Deletes the tombstones of the retired seasons for good; their removal events must be published. */
    private Map<String, Integer> purgeTombstones(String firstKept) {
        Map<String, Integer> purged = new TreeMap<>();
        for (String season : retired.seasonsWithTombstonesBefore(firstKept)) {
            List<String> games = retired.gamesWithTombstones(season, GAMES_PER_BATCH);
            while (!games.isEmpty()) {
                purged.merge(season, retired.purge(season, games), Integer::sum);
                games = retired.gamesWithTombstones(season, GAMES_PER_BATCH);
            }
        }
        return purged;
    }

    /**
     * The oldest season to keep: the {@code keep}-th newest with lines, or the season of today when that one
     * is older (lines dated tomorrow can open a season while today's still runs, and today's is never
     * dropped). Empty when nothing is to be dropped.
     *
     * @param withLines the seasons with lines, newest first
     */
    static Optional<String> oldestToKeep(List<String> withLines, int keep, String today) {
        if (withLines.size() <= keep) {
            return Optional.empty();
        }
        String oldestKept = withLines.get(keep - 1);
        return Optional.of(oldestKept.compareTo(today) > 0 ? today : oldestKept);
    }

    private void report(RetentionRun run) {
        for (DroppedSeason season : run.dropped()) {
            linesDropped.increment(season.linesRemoved());
            log.atInfo()
                    .addKeyValue("season", season.season())
                    .addKeyValue("lines_removed", season.linesRemoved())
                    .addKeyValue("lines_purged", season.linesPurged())
                    .addKeyValue("duration_ms", run.took().toMillis())
                    .addKeyValue("first_kept", run.firstKept())
                    .log("Retention dropped season {}: {} lines removed, {} purged in {} ms (keeping {} and newer)",
                            season.season(), season.linesRemoved(), season.linesPurged(), run.took().toMillis(),
                            run.firstKept());
        }
        if (run.unfinished()) {
            log.warn("Retention left seasons before {} for its next run to finish: its removal events were not "
                    + "published within {} (is Kafka reachable?)", run.firstKept(), PUBLISH_WAIT);
        }
    }

    private static Duration elapsedSince(long startedAt) {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    private static boolean advisoryLock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, RETENTION_LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
