package courtside.aggregation.average;

import courtside.aggregation.cache.CacheUnavailableException;
import courtside.aggregation.cache.Ledger;
import courtside.aggregation.cache.SeasonCache;
import courtside.aggregation.cache.SeasonCache.CachedSeason;
import courtside.aggregation.rebuild.CacheRebuild;
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
 * or, while Redis is down, straight from PostgreSQL (BYPASS, DESIGN.md I4).
 */
@Component
final class SeasonLookup {

    /** Where an answer came from, sent as the {@code X-Cache} header. */
    enum Source { HIT, MISS, BYPASS }

    /** A season found, the one asked for or the latest of its type. */
    record Found(Source source, String season, SeasonTotals totals) {
    }

    private final SeasonCache cache;
    private final CacheRebuild rebuild;
    private final Map<Source, Counter> requests = new EnumMap<>(Source.class);

    SeasonLookup(SeasonCache cache, CacheRebuild rebuild, MeterRegistry registry) {
        this.cache = cache;
        this.rebuild = rebuild;
        for (Source source : Source.values()) {
            requests.put(source, Counter.builder("courtside.cache.requests").tag("result", source.name().toLowerCase(Locale.ROOT))
                    .description("Average requests by where the answer came from").register(registry));
        }
    }

    /**
     * @param season the season, or {@code null} for the latest with lines of that type
     * @throws SeasonNotFoundException when there is no line of that player or team (in that season)
     */
    Found find(Ledger ledger, String season, SeasonType seasonType) {
        Source source = Source.HIT;
        try {
            CachedSeason cached = cache.read(ledger, season, seasonType);
            if (cached.status() == CachedSeason.Status.UNLOADED) {
                source = Source.MISS;
                if (!rebuild.load(List.of(ledger))) {
                    throw SeasonNotFoundException.of(ledger, null, seasonType, source);
                }
                cached = cache.read(ledger, season, seasonType);
                if (cached.status() == CachedSeason.Status.UNLOADED) {
                    // The cache was emptied again right after the load: ask PostgreSQL directly.
                    return fromDatabase(ledger, season, seasonType, Source.MISS);
                }
            }
            if (cached.status() == CachedSeason.Status.NONE) {
                throw SeasonNotFoundException.of(ledger, season, seasonType, source);
            }
            requests.get(source).increment();
            return new Found(source, cached.season(), cached.totals());
        } catch (CacheUnavailableException e) {
            return fromDatabase(ledger, season, seasonType, Source.BYPASS);
        }
    }

    private Found fromDatabase(Ledger ledger, String season, SeasonType seasonType, Source source) {
        String chosen = season != null ? season : rebuild.latestSeasonInDatabase(ledger, seasonType)
                .orElseThrow(() -> SeasonNotFoundException.of(ledger, null, seasonType, source));
        SeasonTotals totals = rebuild.fromDatabase(ledger, chosen, seasonType)
                .orElseThrow(() -> SeasonNotFoundException.of(ledger, chosen, seasonType, source));
        requests.get(source).increment();
        return new Found(source, chosen, totals);
    }
}
