package courtside.aggregation.rebuild;

import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.ledger.CacheLayout;
import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.source.LedgerSnapshots;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills the cache from PostgreSQL (docs/design.md I2), in two ways that may run while events keep arriving:
 * <ul>
 *   <li>a <b>full rebuild</b> of every ledger, at startup when the cache is empty or in another layout, or on
 *       request ({@code POST /actuator/rebuild});</li>
 *   <li>a <b>ledger load</b> of one player or team, when a read or an event finds it missing.</li>
 * </ul>
 * Both load ledgers the same way, a few at a time, each batch of them from one snapshot ({@link LedgerLoads}); this
 * class adds what only a full rebuild needs: one at a time across instances, started over when a flush voids its
 * generation, its chunks retried and its progress logged. Why this never loses or double-counts an event:
 * <ul>
 *   <li>A ledger takes events only once loaded, and a load writes only a ledger nobody has loaded yet.</li>
 *   <li>An event is published after its line committed. A ledger loaded from a snapshot taken after the event
 *       was consumed already holds it; an event applied to a loaded ledger counts once, by line version.</li>
 *   <li>The ingest path loads a missing ledger before it applies to it, so no event is dropped for want of
 *       a ledger.</li>
 *   <li>A load sets a fence in Redis before it takes its snapshot and writes only if the fence is still
 *       there: if the cache was emptied in between, events may have been applied to a newer load of the same
 *       ledger and committed, so the older snapshot is thrown away and a new one taken.</li>
 * </ul>
 */
@Component
public final class CacheRebuild {

    private static final Logger log = LoggerFactory.getLogger(CacheRebuild.class);
    private static final Duration LOCK_EXPIRY = Duration.ofMinutes(30);
    private static final Duration BACKGROUND_EVERY = Duration.ofSeconds(5);
    /** A rebuild a flush interrupted starts over; more than a few in a row is not chance. */
    private static final int GENERATION_ATTEMPTS = 3;
    private static final int CHUNK_ATTEMPTS = 3;
    private static final Duration CHUNK_RETRY_PAUSE = Duration.ofMillis(250);
    /** A chunk Redis did not answer in time is loaded again after 250 ms, then 500 ms. */
    private static final RetryPolicy CHUNK_RETRIES = RetryPolicy.builder().maxRetries(CHUNK_ATTEMPTS - 1)
            .includes(CacheUnavailableException.class).delay(CHUNK_RETRY_PAUSE).multiplier(2).build();
    /** A full rebuild whose generation a flush erased starts over at once. */
    private static final RetryPolicy GENERATION_RETRIES = RetryPolicy.builder().maxRetries(GENERATION_ATTEMPTS - 1)
            .includes(CacheEmptied.class).delay(Duration.ZERO).build();

    private final LedgerSnapshots snapshots;
    private final LedgerLoads loads;
    private final CacheLayout layout;
    private final ApplicationEventPublisher events;
    private final RebuildSettings settings;
    private final Timer fullRebuilds;
    private final AtomicBoolean running = new AtomicBoolean();
    private final RetryTemplate chunkRetries = retrying(CHUNK_RETRIES,
            "Redis did not answer a rebuild chunk in time; loading it again");
    private final RetryTemplate generationRetries = retrying(GENERATION_RETRIES,
            "The cache was emptied during the full rebuild; rebuilding again");
    private final AtomicLong lastBackgroundStart = new AtomicLong();
    private volatile Instant lastCompleted;

    CacheRebuild(LedgerSnapshots snapshots, LedgerLoads loads, CacheLayout layout, ApplicationEventPublisher events,
                 RebuildSettings settings, MeterRegistry registry) {
        this.snapshots = snapshots;
        this.loads = loads;
        this.layout = layout;
        this.events = events;
        this.settings = settings;
        this.fullRebuilds = Timer.builder("courtside.rebuild").tag("scope", "full")
                .description("Full rebuilds of the cache from PostgreSQL").register(registry);
    }

    /** At startup, in the background: the service answers (from PostgreSQL where needed) meanwhile. */
    @EventListener(ApplicationReadyEvent.class)
    void rebuildAtStartup() {
        Thread.ofVirtual().name("cache-rebuild-at-startup").start(() -> {
            Duration wait = settings.retryEvery();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (layout.layoutCurrent()) {
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

    /**
     * Starts a full rebuild in the background, for a read that found the cache incomplete; at most one every few
     * seconds from here, however many reads find it so.
     */
    public void rebuildInBackground() {
        long now = System.nanoTime();
        long last = lastBackgroundStart.get();
        if (running.get() || (last != 0 && now - last < BACKGROUND_EVERY.toNanos()) || !lastBackgroundStart.compareAndSet(last, now)) {
            return;
        }
        Thread.ofVirtual().name("cache-rebuild-on-miss").start(() -> {
            try {
                rebuildAll();
            } catch (RuntimeException e) {
                log.warn("Rebuild on a miss failed ({}); the next miss tries again", e.getClass().getSimpleName());
            }
        });
    }

    /** A full rebuild's outcome, as the actuator endpoint shows it. */
    public record Report(String outcome, long lines, long ledgersWritten, long ledgersAlreadyLoaded, long millis) {

        /** Refused because a full rebuild was already running, here or on another instance. */
        public boolean alreadyRunning() {
            return outcome.startsWith("already running");
        }
    }

    /**
     * Loads every ledger that is not loaded yet, a few at a time, then marks the cache as filled. One full
     * rebuild runs at a time across every instance (a Redis lock); another request meanwhile returns at once.
     */
    public Report rebuildAll() {
        if (!running.compareAndSet(false, true)) {
            return new Report("already running here", 0, 0, 0, 0);
        }
        String owner = UUID.randomUUID().toString();
        try {
            if (!layout.lockRebuild(owner, LOCK_EXPIRY)) {
                log.info("Another instance is rebuilding the cache");
                return new Report("already running on another instance", 0, 0, 0, 0);
            }
            try {
                return generationRetries.invoke(() -> {
                    String generation = layout.startGeneration();
                    Report report = fullRebuilds.record(this::loadEveryLedger);
                    if (!layout.markLayoutCurrent(generation)) {
                        throw new CacheEmptied();
                    }
                    lastCompleted = Instant.now();
                    return report;
                });
            } catch (CacheEmptied e) {
                throw new IllegalStateException("The cache was emptied during each of %d full rebuilds".formatted(GENERATION_ATTEMPTS));
            } finally {
                layout.unlockRebuild(owner);
            }
        } finally {
            running.set(false);
        }
    }

    private static void awaitChunk(Future<?> chunk) {
        try {
            chunk.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding the cache", e);
        }
    }

    /** The last full rebuild that completed in this instance. */
    public Optional<Instant> lastCompleted() {
        return Optional.ofNullable(lastCompleted);
    }

    private Report loadEveryLedger() {
        long startedAt = System.nanoTime();
        long lines = snapshots.lineCount();
        log.info("Rebuilding the cache from PostgreSQL: {} lines", lines);
        events.publishEvent(new FullRebuildStarted());
        Progress progress = new Progress();
        // Chunks are independent (each its own fences and snapshot), so a few load at once: one chunk leaves a
        // core idle while it waits on PostgreSQL or Redis.
        try (ExecutorService loaders = Executors.newFixedThreadPool(settings.parallelLoads(),
                Thread.ofVirtual().name("rebuild-", 1).factory())) {
            List<Future<?>> chunks = new ArrayList<>();
            for (Ledger.Side side : Ledger.Side.values()) {
                Map<Long, Long> lineCounts = snapshots.lineCounts(side);
                int total = lineCounts.size();
                AtomicInteger done = new AtomicInteger();
                for (List<Ledger> ledgers : loads.chunks(side, lineCounts)) {
                    chunks.add(loaders.submit(() -> {
                        progress.add(loadChunk(ledgers));
                        progress.report(side, done.addAndGet(ledgers.size()), total);
                    }));
                }
            }
            for (Future<?> chunk : chunks) {
                awaitChunk(chunk);
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
        log.info("Cache rebuilt in {} ms: {} lines, {} ledgers written, {} already loaded",
                millis, lines, progress.written, progress.alreadyLoaded);
        return new Report("rebuilt", lines, progress.written, progress.alreadyLoaded, millis);
    }

    /**
     * One chunk of a full rebuild, taken again when Redis fails to answer in time: on a busy machine a pipeline
     * can time out once, and a rebuild must not be lost for it. Loading again is safe (a loaded ledger is left as
     * it is), and a Redis that is really down fails every attempt.
     */
    private LedgerLoads.Loaded loadChunk(List<Ledger> ledgers) {
        return chunkRetries.invoke(() -> loads.loadFenced(ledgers, false, "rebuild"));
    }

    /** A template for one of the policies above, that logs each retry. */
    private static RetryTemplate retrying(RetryPolicy policy, String retrying) {
        RetryTemplate template = new RetryTemplate(policy);
        template.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable) {
                log.info(retrying);
            }
        });
        return template;
    }

    /** The cache was emptied while a full rebuild ran: what it loaded before may be lost, so it starts over. */
    private static final class CacheEmptied extends RuntimeException {

        CacheEmptied() {
            super("The cache was emptied during the full rebuild", null, false, false);
        }
    }

    /**
     * Loads the ledgers that are missing, each load from one snapshot in one pipelined write; those loaded
     * meanwhile by someone else are left as they are. For a read: a player or team with no line at all is not
     * written, so that asking for unknown ids cannot fill Redis.
     *
     * @return whether PostgreSQL had any line of these ledgers
     */
    public boolean load(Collection<Ledger> ledgers) {
        return loads.load(ledgers, false);
    }

    /**
     * As {@link #load}, for an event's ledgers: one with no line is written empty, so that the event can be
     * judged against it (a team ledger may hold nothing of a line that has moved to another team).
     */
    public void loadForIngest(Collection<Ledger> ledgers) {
        loads.load(ledgers, true);
    }

    /** Counts what a full rebuild wrote, and logs how far it is now and then. */
    private final class Progress {
        private long written;
        private long alreadyLoaded;
        private long nextLogAt = System.nanoTime() + settings.progressEvery().toNanos();

        synchronized void add(LedgerLoads.Loaded loaded) {
            written += loaded.written();
            alreadyLoaded += loaded.alreadyLoaded();
        }

        synchronized void report(Ledger.Side side, int done, int total) {
            if (System.nanoTime() >= nextLogAt) {
                nextLogAt = System.nanoTime() + settings.progressEvery().toNanos();
                log.info("Rebuild: {} of {} {} ledgers loaded", done, total, side.name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
