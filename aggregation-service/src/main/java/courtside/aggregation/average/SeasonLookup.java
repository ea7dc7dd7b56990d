package courtside.aggregation.average;

import courtside.aggregation.cache.CacheSource;
import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.Ledgers;
import courtside.aggregation.ledger.CachedSeason;
import courtside.aggregation.rebuild.CacheRebuild;
import courtside.aggregation.source.LedgerSnapshots;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a season's sums: in Redis (HIT); in Redis after loading the missing ledger from PostgreSQL (MISS);
 * or, while Redis is down, straight from PostgreSQL (BYPASS, docs/design.md I4).
 */
@Component
final class SeasonLookup {

    /** A season found, the one asked for or the latest of its type. */
    record Found(CacheSource source, String season, SeasonTotals totals) {
    }

    private final Ledgers cache;
    private final CacheRebuild rebuild;
    private final LedgerSnapshots database;
    private final Map<CacheSource, Counter> requests = new EnumMap<>(CacheSource.class);

    SeasonLookup(Ledgers cache, CacheRebuild rebuild, LedgerSnapshots database, MeterRegistry registry) {
        this.cache = cache;
        this.rebuild = rebuild;
        this.database = database;
        for (CacheSource source : CacheSource.values()) {
            requests.put(source, Counter.builder("courtside.cache.requests").tag("result", source.name().toLowerCase(Locale.ROOT))
                    .description("Average requests by where the answer came from").register(registry));
        }
    }

    /**
     * @param season the season, or {@code null} for the latest with lines of that type
     * @throws SeasonNotFoundException when there is no line of that player or team (in that season)
     */
    Found find(Ledger ledger, String season, SeasonType seasonType) {
        CacheSource source = CacheSource.HIT;
        try {
            CachedSeason cached = cache.read(ledger, season, seasonType);
            if (cached.status() == CachedSeason.Status.UNLOADED) {
                source = CacheSource.MISS;
                if (!rebuild.load(List.of(ledger))) {
                    throw SeasonNotFoundException.of(ledger, null, seasonType, source);
                }
                cached = cache.read(ledger, season, seasonType);
                if (cached.status() == CachedSeason.Status.UNLOADED) {
                    // The cache was emptied again right after the load: ask PostgreSQL directly.
                    return fromDatabase(ledger, season, seasonType, CacheSource.MISS);
                }
            }
            if (cached.status() == CachedSeason.Status.NONE) {
                throw SeasonNotFoundException.of(ledger, season, seasonType, source);
            }
            requests.get(source).increment();
            return new Found(source, cached.season(), cached.totals());
        } catch (CacheUnavailableException e) {
            return fromDatabase(ledger, season, seasonType, CacheSource.BYPASS);
        }
    }

    private Found fromDatabase(Ledger ledger, String season, SeasonType seasonType, CacheSource source) {
        String chosen = season != null ? season : database.latestSeason(ledger, seasonType)
                .orElseThrow(() -> SeasonNotFoundException.of(ledger, null, seasonType, source));
        SeasonTotals totals = database.season(ledger, chosen, seasonType)
                .orElseThrow(() -> SeasonNotFoundException.of(ledger, chosen, seasonType, source));
        requests.get(source).increment();
        return new Found(source, chosen, totals);
    }
}
