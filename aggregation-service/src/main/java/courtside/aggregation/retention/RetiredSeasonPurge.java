package courtside.aggregation.retention;

import courtside.aggregation.ledger.Ledgers;
import courtside.aggregation.source.RetiredSeasons;
import courtside.aggregation.ledger.PurgeOutcome;
import courtside.aggregation.ledger.RetiredPurge;
import courtside.aggregation.directory.Directory;
import courtside.aggregation.leaders.LeaderIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Forgets in Redis the seasons stats-service's retention dropped, without touching anything that counts (docs/design.md
 * I1). Retention removes their lines through removal events, which the ledgers apply like any other and keep as
 * tombstones (a line's last version, so that an older event of it cannot count again); it then deletes the
 * tombstone rows from PostgreSQL. Here, once every line of those seasons is removed in PostgreSQL and in a ledger,
 * the ledger's tombstones of them go, and with them every key of those seasons: leader indexes, games' teams.
 *
 * <p>Why this never loses a line and no late event brings one back:
 * <ul>
 *   <li>A ledger is purged by one atomic script that first checks it holds no counting line of those seasons: one
 *       whose removals have not arrived is left as it is, for a later run.</li>
 *   <li>The same script marks the ledger ({@code Ledger#retiredKey} in the cache package), and the apply script refuses an event of a
 *       season older than the mark: a redelivered or replayed insert finds no tombstone to lose to, and no way in
 *       either ({@code courtside.events{outcome=retired}}).</li>
 *   <li>A ledger loaded from PostgreSQL (a miss, a flush and a rebuild) gets the mark from the snapshot its lines
 *       come from ({@link courtside.aggregation.ledger.LedgerSnapshot#retiring}), so a flush brings nothing back
 *       either.</li>
 *   <li>The leader indexes of those seasons go only once every ledger was found purged. A leader entry derived
 *       again by a batch that raced the purge (from sums that are empty by then) goes with the next run.</li>
 * </ul>
 * Every step is idempotent, so a run cut short is finished by the next, and two instances may run it at once.
 */
@Component
public final class RetiredSeasonPurge {

    /** Ledgers purged in one pipelined round trip: a team's script reads its whole ledger. */
    private static final int SLICE = 100;

    private final RetiredSeasons retired;
    private final Ledgers cache;
    private final LeaderIndex leaders;
    private final Directory directory;
    private final Counter tombstones;

    RetiredSeasonPurge(RetiredSeasons retired, Ledgers cache, LeaderIndex leaders, Directory directory,
                       MeterRegistry registry) {
        this.retired = retired;
        this.cache = cache;
        this.leaders = leaders;
        this.directory = directory;
        this.tombstones = Counter.builder("courtside.retention.tombstones.purged")
                .description("Tombstones of seasons dropped by retention deleted from the ledgers in Redis").register(registry);
    }

    /** Where a run got to. */
    public enum Outcome {
        /** Retention has dropped no season. */
        NOTHING_RETIRED,
        /** PostgreSQL still counts lines of a dropped season: retention has not removed them all yet. */
        AWAITING_RETENTION,
        /** Some ledgers still count a line of a dropped season: its removal event has not been applied yet. */
        AWAITING_REMOVALS,
        /** Redis holds nothing of the dropped seasons (but what a batch racing the run may have derived again). */
        PURGED
    }

    /**
     * One run.
     *
     * @param firstKept            the oldest season retention keeps, {@code null} when it dropped none
     * @param ledgersPurged        ledgers this run deleted tombstones of dropped seasons from
     * @param tombstonesPurged     the tombstones it deleted
     * @param ledgersStillCounting ledgers left as they were, a line of a dropped season still counting in them
     * @param leaderIndexesDeleted leader indexes (a season of one type on one side) deleted
     * @param gamesForgotten       games whose teams were forgotten
     */
    public record Run(Outcome outcome, String firstKept, int ledgersPurged, long tombstonesPurged, int ledgersStillCounting,
                      int leaderIndexesDeleted, int gamesForgotten) {
    }

    public Run purge() {
        Optional<String> firstKept = retired.firstKept();
        if (firstKept.isEmpty()) {
            return new Run(Outcome.NOTHING_RETIRED, null, 0, 0, 0, 0, 0);
        }
        String kept = firstKept.get();
        if (retired.countingLinesBefore(kept)) {
            return new Run(Outcome.AWAITING_RETENTION, kept, 0, 0, 0, 0, 0);
        }
        Tally tally = new Tally();
        cache.forEachLoaded(SLICE, ledgers -> {
            List<RetiredPurge> purged = cache.purgeRetired(ledgers, kept);
            Set<String> games = new LinkedHashSet<>();
            long deleted = 0;
            for (RetiredPurge ledger : purged) {
                if (ledger.outcome() == PurgeOutcome.PURGED && ledger.lines() > 0) {
                    tally.ledgersPurged++;
                    deleted += ledger.lines();
                    games.addAll(ledger.games());
                } else if (ledger.outcome() == PurgeOutcome.LIVE) {
                    tally.stillCounting++;
                }
            }
            tally.tombstones += deleted;
            tombstones.increment(deleted);
            tally.games += forgetTeamsOf(games);
        });
        if (tally.stillCounting > 0) {
            return new Run(Outcome.AWAITING_REMOVALS, kept, tally.ledgersPurged, tally.tombstones, tally.stillCounting, 0, tally.games);
        }
        int indexes = leaders.forgetSeasonsBefore(kept);
        return new Run(Outcome.PURGED, kept, tally.ledgersPurged, tally.tombstones, 0, indexes, tally.games);
    }

    /**
     * The teams of each game the directory keeps, which a removal leaves behind (a name is not an aggregate). The games
     * are those of the tombstones just deleted, so a run cut short between the two leaves the teams of a few games
     * behind.
     */
    private int forgetTeamsOf(Set<String> games) {
        directory.forgetGames(games);
        return games.size();
    }

    /** What the slices of one run add up to; SCAN hands them over one after the other, on the calling thread. */
    private static final class Tally {
        private int ledgersPurged;
        private long tombstones;
        private int stillCounting;
        private int games;
    }
}
