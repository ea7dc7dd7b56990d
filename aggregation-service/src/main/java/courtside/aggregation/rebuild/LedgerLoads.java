package courtside.aggregation.rebuild;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LedgerSnapshot;
import courtside.aggregation.ledger.Ledgers;
import courtside.aggregation.ledger.LoadOutcome;
import courtside.aggregation.ledger.SeasonOfLedger;
import courtside.aggregation.source.LedgerSnapshots;
import courtside.aggregation.source.StoredLedgers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads ledgers from PostgreSQL into the cache, fenced, in bounded chunks: the one way both a full rebuild and a
 * single load (for a read or an event that finds a ledger missing) write ledgers, so that the guarantees listed on
 * {@link CacheRebuild} hold for both. Knows nothing of rebuild locks or generations.
 */
@Component
final class LedgerLoads {

    private static final Logger log = LoggerFactory.getLogger(LedgerLoads.class);
    /** Each failed attempt means the cache was emptied while loading; more than a few in a row is not chance. */
    private static final int FENCED_OUT_ATTEMPTS = 5;

    private final LedgerSnapshots snapshots;
    private final Ledgers cache;
    private final ApplicationEventPublisher events;
    private final RebuildSettings settings;
    private final Timer ledgerLoads;

    LedgerLoads(LedgerSnapshots snapshots, Ledgers cache, ApplicationEventPublisher events, RebuildSettings settings,
                MeterRegistry registry) {
        this.snapshots = snapshots;
        this.cache = cache;
        this.events = events;
        this.settings = settings;
        this.ledgerLoads = Timer.builder("courtside.rebuild").tag("scope", "ledger")
                .description("Loads of one player's or team's ledger from PostgreSQL").register(registry);
    }

    /** What one fenced load wrote. */
    record Loaded(long written, long alreadyLoaded) {
    }

    /**
     * The ledgers of one side in loads of at most {@code players-per-load} (or {@code teams-per-load}) ledgers and
     * {@code lines-per-load} lines: the memory of a load stays bounded as seasons pile up (200 players of 20 seasons
     * would be 330,000 lines in one load, three loads at once).
     */
    List<List<Ledger>> chunks(Ledger.Side side, Map<Long, Long> lineCounts) {
        int ledgersPerLoad = side == Ledger.Side.PLAYER ? settings.playersPerLoad() : settings.teamsPerLoad();
        List<List<Ledger>> chunks = new ArrayList<>();
        List<Ledger> current = new ArrayList<>();
        long lines = 0;
        for (Map.Entry<Long, Long> ledger : lineCounts.entrySet()) {
            if (!current.isEmpty() && (current.size() == ledgersPerLoad || lines + ledger.getValue() > settings.linesPerLoad())) {
                chunks.add(current);
                current = new ArrayList<>();
                lines = 0;
            }
            current.add(new Ledger(side, ledger.getKey()));
            lines += ledger.getValue();
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /**
     * In the full rebuild's bounds, one load after another: after a flush, one batch of events can miss all
     * thirty team ledgers, which at twenty seasons are every stored line, and three consumers loading them at
     * once ran the heap out of memory.
     *
     * @param keepEmpty whether a ledger with no line is written empty (for an event) or not at all (for a read)
     * @return whether PostgreSQL had any line of these ledgers
     */
    boolean load(Collection<Ledger> ledgers, boolean keepEmpty) {
        long found = 0;
        for (List<Ledger> chunk : boundedLoads(ledgers)) {
            Loaded loaded = ledgerLoads.record(() -> loadFenced(chunk, keepEmpty, "load"));
            found += loaded.written() + loaded.alreadyLoaded();
        }
        return found > 0;
    }

    /** The ledgers in {@link #chunks} by their stored lines; one with none counts as none. */
    private List<List<Ledger>> boundedLoads(Collection<Ledger> ledgers) {
        List<List<Ledger>> loads = new ArrayList<>();
        ledgers.stream().distinct().collect(Collectors.groupingBy(Ledger::side, LinkedHashMap::new, Collectors.toList()))
                .forEach((side, sameSide) -> {
                    if (sameSide.size() == 1) {
                        loads.add(sameSide); // a read's miss: one ledger is one load, with no count to ask for
                        return;
                    }
                    List<Long> ids = sameSide.stream().map(Ledger::id).toList();
                    Map<Long, Long> stored = snapshots.lineCounts(side, ids);
                    Map<Long, Long> counts = new LinkedHashMap<>();
                    ids.forEach(id -> counts.put(id, stored.getOrDefault(id, 0L)));
                    loads.addAll(chunks(side, counts));
                });
        return loads;
    }

    /**
     * Fences the ledgers, reads them from one snapshot, writes those still missing; takes a new snapshot of any
     * whose fence a flush has erased meanwhile.
     */
    Loaded loadFenced(List<Ledger> ledgers, boolean keepEmpty, String why) {
        long written = 0;
        long alreadyLoaded = 0;
        List<Ledger> pending = ledgers;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > FENCED_OUT_ATTEMPTS) {
                throw new IllegalStateException("The cache was emptied during every one of %d loads of %d ledgers"
                        .formatted(FENCED_OUT_ATTEMPTS, pending.size()));
            }
            List<String> fences = cache.fence(pending);
            StoredLedgers read = snapshots.read(pending);
            List<LedgerSnapshot> toWrite = new ArrayList<>();
            List<String> toWriteFences = new ArrayList<>();
            List<String> unused = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                LedgerSnapshot snapshot = read.ledgers().get(pending.get(i));
                if (snapshot == null && keepEmpty) {
                    snapshot = LedgerSnapshot.empty(pending.get(i));
                }
                if (snapshot == null) {
                    unused.add(fences.get(i));
                } else {
                    toWrite.add(snapshot.retiring(read.firstKept()));
                    toWriteFences.add(fences.get(i));
                }
            }
            cache.dropFences(unused);
            List<LoadOutcome> outcomes = cache.load(toWrite, toWriteFences, why + " " + Instant.now());
            List<Ledger> fencedOut = new ArrayList<>();
            List<SeasonOfLedger> loadedSeasons = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                switch (outcomes.get(i)) {
                    case WRITTEN -> written++;
                    case ALREADY_LOADED -> alreadyLoaded++;
                    case FENCED_OUT -> fencedOut.add(toWrite.get(i).ledger());
                }
                if (outcomes.get(i) != LoadOutcome.FENCED_OUT) {
                    LedgerSnapshot snapshot = toWrite.get(i);
                    snapshot.seasons().keySet().forEach(season ->
                            loadedSeasons.add(new SeasonOfLedger(snapshot.ledger(), season.season(), season.seasonType())));
                }
            }
            // The read models follow the ledgers just loaded (a ledger loaded by someone else: as it is now).
            if (!loadedSeasons.isEmpty()) {
                events.publishEvent(new LedgersLoaded(loadedSeasons));
            }
            if (!fencedOut.isEmpty()) {
                log.info("The cache was emptied while {} ledgers were being loaded; loading them again", fencedOut.size());
            }
            pending = fencedOut;
        }
        return new Loaded(written, alreadyLoaded);
    }
}
