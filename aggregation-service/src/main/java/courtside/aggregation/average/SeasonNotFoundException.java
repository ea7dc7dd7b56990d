package courtside.aggregation.average;

import courtside.aggregation.cache.CacheSource;
import courtside.aggregation.ledger.Ledger;
import courtside.model.SeasonType;

/** No line of that player or team, or none in the season asked for: a 404 that still says where it was looked up. */
public final class SeasonNotFoundException extends RuntimeException {

    /** The header that says where an answer came from, as {@link CacheSource} names it. */
    public static final String CACHE_HEADER = CacheSource.HEADER;

    private final String title;
    private final CacheSource cacheSource;

    private SeasonNotFoundException(String title, String detail, CacheSource cacheSource) {
        super(detail);
        this.title = title;
        this.cacheSource = cacheSource;
    }

    static SeasonNotFoundException of(Ledger ledger, String season, SeasonType seasonType, CacheSource source) {
        String who = ledger.side() == Ledger.Side.PLAYER ? "player" : "team";
        if (season == null) {
            return new SeasonNotFoundException(ledger.side() == Ledger.Side.PLAYER ? "Player not found" : "Team not found",
                    "No %s-season lines of %s %d".formatted(seasonType.wireName(), who, ledger.id()), source);
        }
        return new SeasonNotFoundException("Season not found",
                "No lines of %s %d in the %s %s season".formatted(who, ledger.id(), season, seasonType.wireName()), source);
    }

    public String title() {
        return title;
    }

    /** The {@code X-Cache} value of the lookup that found nothing. */
    public String cacheSource() {
        return cacheSource.name();
    }
}
