package courtside.aggregation.source;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LedgerSnapshot;

import java.util.Map;
import java.util.Optional;

/**
 * Ledgers read from one snapshot of PostgreSQL, with the oldest season retention kept as of that snapshot.
 *
 * @param ledgers   one per ledger asked for that has a stored line
 * @param firstKept empty while retention has dropped no season
 */
public record StoredLedgers(Map<Ledger, LedgerSnapshot> ledgers, Optional<String> firstKept) {
}
