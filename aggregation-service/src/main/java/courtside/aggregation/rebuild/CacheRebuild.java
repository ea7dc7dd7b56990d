package courtside.aggregation.rebuild;

import courtside.aggregation.cache.Ledger;
import courtside.aggregation.cache.LedgerSnapshot;
import courtside.aggregation.cache.SeasonCache;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills the cache from PostgreSQL (DESIGN.md I2), in two ways that may run while events keep arriving:
 * <ul>
 *   <li>a <b>full rebuild</b> of every ledger, at startup when the cache is empty or in another layout, or on
 *       request ({@code POST /actuator/rebuild});</li>
 *   <li>a <b>ledger load</b> of one player or team, when a read or an event finds it missing.</li>
 * </ul>
 * Why this never loses or double-counts an event: a ledger takes events only once loaded, and a load writes
 * only a ledger that nobody has loaded yet. An event is published after its line committed, so a ledger loaded
 * from a snapshot taken after the event was consumed already holds it; an event applied to a loaded ledger
 * is counted once, by the line versions the ledger keeps. The ingest path loads a missing ledger before it
 * applies to it, so no event is ever dropped for want of a ledger.
 */
@Component
public final class CacheRebuild {

    private static final Logger log = LoggerFactory.getLogger(CacheRebuild.class);
    private static final Duration LOCK_EXPIRY = Duration.ofMinutes(30);

    private final LedgerSnapshots snapshots;
    private final SeasonCache cache;
    private final RebuildSettings settings;
    private final TransactionTemplate snapshotTransaction;
    private final Timer fullRebuilds;
    private final Timer ledgerLoads;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant lastCompleted;

    CacheRebuild(LedgerSnapshots snapshots, SeasonCache cache, RebuildSettings settings,
                 PlatformTransactionManager transactions, MeterRegistry registry) {
        this.snapshots = snapshots;
        this.cache = cache;
        this.settings = settings;
        this.snapshotTransaction = new TransactionTemplate(transactions);
        // One consistent snapshot for the lines and the sums computed from them.
        snapshotTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshotTransaction.setReadOnly(true);
        this.fullRebuilds = Timer.builder("courtside.rebuild").tag("scope", "full")
                .description("Full rebuilds of the cache from PostgreSQL").register(registry);
        this.ledgerLoads = Timer.builder("courtside.rebuild").tag("scope", "ledger")
                .description("Loads of one player's or team's ledger from PostgreSQL").register(registry);
    }

    /** At startup, in the background: the service answers (from PostgreSQL where needed) meanwhile. */
    @EventListener(ApplicationReadyEvent.class)
    void rebuildAtStartup() {
        Thread.ofVirtual().name("cache-rebuild-at-startup").start(() -> {
            Duration wait = settings.retryEvery();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (cache.layoutCurrent()) {
                        log.info("Cache is filled in layout v{}: no rebuild needed", Ledger.LAYOUT_VERSION);
                    } else {
                        rebuildAll();
                    }
                    return;
                } catch (RuntimeException e) {
                    log.warn("Startup rebuild failed ({}); ledgers load on demand meanwhile, retrying in {} s",
                            e.getClass().getSimpleName(), wait.toSeconds());
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** A full rebuild's outcome, as the actuator endpoint shows it. */
    public record Report(String outcome, long lines, long ledgersWritten, long ledgersAlreadyLoaded, long millis) {
    }

    /**
     * Loads every ledger that is not loaded yet from one snapshot, then marks the cache as filled. One full
     * rebuild runs at a time across every instance (a Redis lock); another request meanwhile returns at once.
     */
    public Report rebuildAll() {
        if (!running.compareAndSet(false, true)) {
            return new Report("already running here", 0, 0, 0, 0);
        }
        String owner = UUID.randomUUID().toString();
        try {
            if (!cache.lockRebuild(owner, LOCK_EXPIRY)) {
                log.info("Another instance is rebuilding the cache");
                return new Report("already running on another instance", 0, 0, 0, 0);
            }
            try {
                return fullRebuilds.record(this::streamEveryLedger);
            } finally {
                cache.unlockRebuild(owner);
            }
        } finally {
            running.set(false);
        }
    }

    /** The last full rebuild that completed in this instance. */
    public Optional<Instant> lastCompleted() {
        return Optional.ofNullable(lastCompleted);
    }

    private Report streamEveryLedger() {
        long startedAt = System.nanoTime();
        String marker = "rebuild " + Instant.now();
        Progress progress = snapshotTransaction.execute(status -> {
            Progress counted = new Progress(snapshots.lineCount());
            log.info("Rebuilding the cache from PostgreSQL: {} lines", counted.total);
            for (Ledger.Side side : Ledger.Side.values()) {
                List<LedgerSnapshot> pending = new ArrayList<>();
                snapshots.streamAll(side, snapshot -> {
                    pending.add(snapshot);
                    if (pending.size() >= settings.ledgersPerWrite()) {
                        counted.written(cache.load(pending, marker));
                        pending.clear();
                    }
                }, counted::line);
                counted.written(cache.load(pending, marker));
            }
            return counted;
        });
        cache.markLayoutCurrent();
        lastCompleted = Instant.now();
        long millis = Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
        log.info("Cache rebuilt in {} ms: {} lines, {} ledgers written, {} already loaded",
                millis, progress.streamed.get(), progress.written.get(), progress.skipped.get());
        return new Report("rebuilt", progress.total, progress.written.get(), progress.skipped.get(), millis);
    }

    /**
     * Loads the ledgers that are missing, from one snapshot, in one pipelined write; those loaded meanwhile by
     * someone else are left as they are. For a read: a player or team with no line at all is not written, so
     * that asking for unknown ids cannot fill Redis.
     */
    public void load(Collection<Ledger> ledgers) {
        load(ledgers, false);
    }

    /**
     * As {@link #load}, for an event's ledgers: one with no line is written empty, so that the event can be
     * judged against it (a team ledger may hold nothing of a line that has moved to another team).
     */
    public void loadForIngest(Collection<Ledger> ledgers) {
        load(ledgers, true);
    }

    private void load(Collection<Ledger> ledgers, boolean keepEmpty) {
        if (ledgers.isEmpty()) {
            return;
        }
        ledgerLoads.record(() -> {
            List<LedgerSnapshot> found = snapshotTransaction.execute(status -> ledgers.stream()
                    .map(ledger -> snapshots.one(ledger).or(() -> keepEmpty ? Optional.of(LedgerSnapshot.empty(ledger)) : Optional.empty()))
                    .flatMap(Optional::stream).toList());
            cache.load(found, "load " + Instant.now());
        });
    }

    /** One season straight from PostgreSQL, for answers while Redis is down. */
    public Optional<SeasonTotals> fromDatabase(Ledger ledger, String season, SeasonType seasonType) {
        return snapshots.season(ledger, season, seasonType);
    }

    /** The latest season with lines of that type, straight from PostgreSQL. */
    public Optional<String> latestSeasonInDatabase(Ledger ledger, SeasonType seasonType) {
        return snapshots.latestSeason(ledger, seasonType);
    }

    /** Counts what a full rebuild streamed and wrote, and logs how far it is now and then. */
    private final class Progress {
        private final long total;
        private final AtomicLong streamed = new AtomicLong();
        private final AtomicLong written = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private long nextLogAt = System.nanoTime() + settings.progressEvery().toNanos();

        Progress(long total) {
            this.total = total;
        }

        void line() {
            long lines = streamed.incrementAndGet();
            if (System.nanoTime() >= nextLogAt) {
                nextLogAt = System.nanoTime() + settings.progressEvery().toNanos();
                // Each line is streamed twice: once into its player's ledger, once into its team's.
                log.info("Rebuild: {} of {} line states streamed, {} ledgers written", lines, total * 2, written.get());
            }
        }

        void written(List<Boolean> outcomes) {
            outcomes.forEach(wasWritten -> (wasWritten ? written : skipped).incrementAndGet());
        }
    }
}
