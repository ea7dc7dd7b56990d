package courtside.aggregation.average;

import courtside.aggregation.cache.CacheSource;
import courtside.aggregation.ledger.Ledger;
import courtside.model.SeasonType;
import courtside.support.problem.FieldProblems;
import courtside.support.problem.SplitNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/**
 * No line of that player or team, or none in the season asked for: a 404 that still says where it was looked up,
 * in {@code X-Cache} as {@link CacheSource} names it.
 */
final class SeasonNotFoundException extends ErrorResponseException {

    private SeasonNotFoundException(String title, String detail, CacheSource source) {
        super(HttpStatus.NOT_FOUND, FieldProblems.problem(HttpStatus.NOT_FOUND, title, detail, List.of()), null);
        getHeaders().set(CacheSource.HEADER, source.name());
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

    /** The season has lines, none of them in the split. */
    static SeasonNotFoundException emptySplit(Ledger ledger, String season, SeasonType seasonType, CacheSource source) {
        return new SeasonNotFoundException(SplitNotFound.TITLE, SplitNotFound.detail(
                ledger.side() == Ledger.Side.PLAYER ? "player" : "team", ledger.id(), season, seasonType), source);
    }
}
