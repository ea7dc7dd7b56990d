package courtside.aggregation.ledger;

import courtside.model.SeasonType;

/** A season of one ledger, as {@link Ledgers#readAll} asks for it. */
public record SeasonOfLedger(Ledger ledger, String season, SeasonType seasonType) {
}
