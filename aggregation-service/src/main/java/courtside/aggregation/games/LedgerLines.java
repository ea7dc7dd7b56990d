package courtside.aggregation.games;

import courtside.aggregation.average.LineStateLookup;
import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LineState;

import courtside.model.SeasonType;
import courtside.support.problem.NotFoundException;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The counting lines of one player's or team's season as their ledger holds them (the newest version of each,
 * so every correction shows), read as every read model reads a ledger's lines ({@link LineStateLookup}).
 */
@Component
final class LedgerLines {

    private final LineStateLookup lineStates;

    LedgerLines(LineStateLookup lineStates) {
        this.lineStates = lineStates;
    }

    /** One season's lines, oldest game first. */
    record SeasonLines(String season, SeasonType seasonType, List<LineState> lines) {
    }

    /**
     * @param season the season, or {@code null} for the latest of that type with a counting line
     * @throws NotFoundException when there is none
     */
    SeasonLines season(Ledger ledger, String season, SeasonType seasonType) {
        Map<String, LineState> all = all(ledger);
        List<LineState> counting = all.values().stream().filter(line -> !line.deleted() && line.seasonType() == seasonType).toList();
        String chosen = season != null ? season : counting.stream().map(LineState::season).max(Comparator.naturalOrder())
                .orElseThrow(() -> notFound(ledger, null, seasonType));
        List<LineState> lines = counting.stream().filter(line -> line.season().equals(chosen))
                .sorted(Comparator.comparing(LineState::gameDate).thenComparing(LineState::gameId)).toList();
        if (lines.isEmpty()) {
            throw notFound(ledger, chosen, seasonType);
        }
        return new SeasonLines(chosen, seasonType, lines);
    }

    private Map<String, LineState> all(Ledger ledger) {
        return lineStates.read(ledger).map(LineStateLookup.Sourced::lines).orElse(Map.of());
    }

    private static NotFoundException notFound(Ledger ledger, String season, SeasonType seasonType) {
        String who = (ledger.side() == Ledger.Side.PLAYER ? "player " : "team ") + ledger.id();
        return season == null
                ? new NotFoundException(ledger.side() == Ledger.Side.PLAYER ? "Player not found" : "Team not found",
                "No %s-season lines of %s".formatted(seasonType.wireName(), who))
                : new NotFoundException("Season not found",
                "No lines of %s in the %s %s season".formatted(who, season, seasonType.wireName()));
    }
}
