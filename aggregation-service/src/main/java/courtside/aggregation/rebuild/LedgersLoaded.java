package courtside.aggregation.rebuild;

import courtside.aggregation.ledger.SeasonOfLedger;

import java.util.List;

/**
 * Ledgers a load has just written (or found loaded by someone else), announced so that the read models derived from
 * them follow: published synchronously on the loading thread, before the load returns, so a load that returns has
 * its read models derived, and a failure to derive them fails the load as any other step of it.
 *
 * @param seasons every season of every ledger loaded
 */
public record LedgersLoaded(List<SeasonOfLedger> seasons) {
}
