package courtside.aggregation.average;

import courtside.aggregation.cache.CacheSource;
import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LedgerSnapshot;
import courtside.aggregation.ledger.Ledgers;
import courtside.aggregation.ledger.LineState;
import courtside.aggregation.rebuild.CacheRebuild;
import courtside.aggregation.source.LedgerSnapshots;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every line state of a ledger, the newest version of each line, and where they came from: from Redis (HIT), after
 * loading a missing ledger (MISS), or from PostgreSQL while Redis is down (BYPASS) or when the cache was emptied again
 * right after the load. The read models that need a ledger's lines rather than its sums (splits, a traded player's
 * rows, game logs, distributions) all read them here.
 */
@Component
public final class LineStateLookup {

    /** A ledger's line states by line field, and where they came from. */
    public record Sourced(CacheSource source, Map<String, LineState> lines) {
    }

    private final Ledgers cache;
    private final CacheRebuild rebuild;
    private final LedgerSnapshots database;

    LineStateLookup(Ledgers cache, CacheRebuild rebuild, LedgerSnapshots database) {
        this.cache = cache;
        this.rebuild = rebuild;
        this.database = database;
    }

    /** Empty when the ledger has no line anywhere (none to load). */
    public Optional<Sourced> read(Ledger ledger) {
        try {
            Optional<Map<String, LineState>> cached = cache.lines(ledger);
            if (cached.isPresent()) {
                return Optional.of(new Sourced(CacheSource.HIT, cached.get()));
            }
            if (!rebuild.load(List.of(ledger))) {
                return Optional.empty();
            }
            cached = cache.lines(ledger);
            return Optional.of(cached.isPresent() ? new Sourced(CacheSource.MISS, cached.get())
                    : new Sourced(CacheSource.MISS, fromDatabase(ledger)));
        } catch (CacheUnavailableException e) {
            return Optional.of(new Sourced(CacheSource.BYPASS, fromDatabase(ledger)));
        }
    }

    /** Straight from PostgreSQL, as while Redis is down. */
    Map<String, LineState> fromDatabase(Ledger ledger) {
        return database.ledger(ledger).map(LedgerSnapshot::lines).orElse(Map.of());
    }
}
